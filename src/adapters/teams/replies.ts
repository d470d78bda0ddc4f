import type { Activity, Attachment, TurnContext } from 'botbuilder';
import { cardKeyOf } from '../../application/views/request-views.js';
import type { View } from '../../application/views/view.js';
import { renderAdaptiveCard } from './cards/index.js';
import { summaryOf } from './summary.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

// botbuilder's ActivityTypes.Message and .InvokeResponse, spelled out: this module goes into the
// sender that `tick` loads without botbuilder.
const MESSAGE = 'message';
const INVOKE_RESPONSE = 'invokeResponse';

/** An Adaptive Card attachment for a view. */
export function cardAttachment(view: View, refreshUserIds?: readonly string[]): Attachment {
  const options = refreshUserIds
    ? { cardKey: cardKeyOf(view), refreshUserIds }
    : { cardKey: cardKeyOf(view) };
  return { contentType: ADAPTIVE_CARD, content: renderAdaptiveCard(view, options) };
}

/** A message activity carrying one view as an Adaptive Card (`refreshUserIds`: see `refreshUserIdsOf`). */
export function cardActivity(view: View, refreshUserIds?: readonly string[]): Partial<Activity> {
  return { type: MESSAGE, summary: summaryOf(view), attachments: [cardAttachment(view, refreshUserIds)] };
}

/** Sends each view as its own card message in the turn's conversation. */
export async function sendViews(context: TurnContext, views: readonly View[]): Promise<void> {
  for (const view of views) await context.sendActivity(cardActivity(view));
}

/** Answers an invoke in the HTTP response; botbuilder copies `status` into the HTTP status. */
export async function answerInvoke(context: TurnContext, body: unknown, status = 200): Promise<void> {
  await context.sendActivity({ type: INVOKE_RESPONSE, value: { status, body } });
}
