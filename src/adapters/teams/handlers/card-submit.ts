import { ActivityTypes } from 'botbuilder';
import { cardAttachment, sendViews } from '../replies.js';
import { parseSubmit } from './action-value.js';
import { runCardAction } from './run-card-action.js';
import type { ActivityHandler } from './turn.js';

/**
 * `Action.Submit` fallback (clients without Universal Actions): a message whose value is
 * `{ verb, … }`. The clicked card is replaced in place when Teams says which message it was.
 */
export const cardSubmitHandler: ActivityHandler = {
  name: 'Action.Submit',
  matches: (activity) =>
    activity.type === 'message' &&
    !activity.text &&
    typeof activity.value === 'object' &&
    activity.value !== null,
  async handle(turn) {
    const reply = await runCardAction(turn, parseSubmit(turn.activity.value));
    const replyToId = (turn.context.activity.replyToId as string | undefined) ?? null;
    if (reply.card && replyToId) {
      await turn.context.updateActivity({
        id: replyToId,
        type: ActivityTypes.Message,
        attachments: [cardAttachment(reply.card)],
      });
    } else if (reply.card) {
      await sendViews(turn.context, [reply.card]);
    }
    await sendViews(turn.context, reply.views);
  },
};
