import { answerInvoke, sendViews } from '../replies.js';
import { parseSubmit } from './action-value.js';
import { runCardAction } from './run-card-action.js';
import type { ActivityHandler } from './turn.js';

/**
 * A button on a link-unfurl card (Action.Submit at card version 1.3): Teams sends
 * `composeExtension/onCardButtonClicked` with `{ verb, …ids }`; the clicker gets the outcome as a message.
 */
export const unfurlButtonHandler: ActivityHandler = {
  name: 'composeExtension/onCardButtonClicked',
  matches: (activity) =>
    activity.type === 'invoke' && activity.name === 'composeExtension/onCardButtonClicked',
  async handle(turn) {
    const reply = await runCardAction(turn, parseSubmit(turn.activity.value));
    await answerInvoke(turn.context, {});
    await sendViews(turn.context, [...(reply.card ? [reply.card] : []), ...reply.views]);
  },
};
