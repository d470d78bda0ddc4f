import { cardKeyOf } from '../../../application/views/request-views.js';
import { renderAdaptiveCard } from '../cards/index.js';
import { refreshUserIdsOf } from '../refresh-users.js';
import { ADAPTIVE_CARD, answerInvoke, sendViews } from '../replies.js';
import { parseExecute } from './action-value.js';
import { runCardAction } from './run-card-action.js';
import type { ActivityHandler } from './turn.js';

/**
 * `adaptiveCard/action` (Universal Actions): the answer holds the clicked card as it should now look,
 * and any further messages for the actor go to the conversation.
 */
export const cardActionHandler: ActivityHandler = {
  name: 'adaptiveCard/action',
  matches: (activity) => activity.type === 'invoke' && activity.name === 'adaptiveCard/action',
  async handle(turn) {
    const reply = await runCardAction(turn, parseExecute(turn.activity.value));
    // A private step (the permissions before "Add") answers the invoke too: Teams shows an
    // Action.Execute response card to the person who clicked only.
    const shown = reply.card ?? reply.privateCard;
    const body = shown
      ? {
          statusCode: 200,
          type: ADAPTIVE_CARD,
          value: renderAdaptiveCard(shown, {
            cardKey: reply.card ? cardKeyOf(reply.card) : null,
            ...(reply.card ? { refreshUserIds: refreshUserIdsOf(reply.card, turn.engine) } : {}),
          }),
        }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' };
    await answerInvoke(turn.context, body);
    await sendViews(turn.context, reply.views);
  },
};
