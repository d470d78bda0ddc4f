import type { TurnContext } from 'botbuilder';
import type { InboundActivity } from './activity.js';
import { answerInvoke } from './replies.js';

/** What ties an authenticated activity to this organisation: the app id, and the tenant when one is set. */
export interface AdmissionConfig {
  appId: string | null;
  tenantId: string | null;
}

/** The tenant an activity names: Teams puts it in channelData and, for most activities, the conversation. */
function tenantOf(activity: InboundActivity): string | null {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? null;
}

/**
 * docs/security.md: with an app id, only Teams speaks for a `teams:` person. Other channels of the same Azure bot
 * (Web Chat, Direct Line) let their client choose `from.id`, so they act on nothing; with a tenant set,
 * neither does another tenant. Returns the refusal to answer, or null when the activity may act.
 */
export function admissionRefusal(activity: InboundActivity, config: AdmissionConfig): string | null {
  if (!config.appId) return null;
  if (activity.channelId !== 'msteams')
    return `This bot works only in Microsoft Teams; nothing was done from the ${activity.channelId.slice(0, 40)} channel.`;
  if (config.tenantId && tenantOf(activity) !== config.tenantId)
    return 'This bot serves one organisation only; nothing was done for this tenant.';
  return null;
}

/** Answers a refused activity: an invoke gets 403 with the reason, a message a one-line reply, others nothing. */
export async function refuseActivity(context: TurnContext, activity: InboundActivity, reason: string) {
  if (activity.type === 'invoke') {
    await answerInvoke(
      context,
      { statusCode: 403, type: 'application/vnd.microsoft.error', value: { message: reason } },
      403,
    );
    return;
  }
  if (activity.type === 'message') await context.sendActivity(reason);
}
