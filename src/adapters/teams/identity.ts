import type { Actor, Origin } from '../../application/engine.js';
import type { InboundActivity } from './activity.js';

const KINDS: Record<string, Origin['kind']> = {
  personal: 'personal',
  channel: 'channel',
  groupChat: 'group',
};

/** `teams:<aadObjectId>` for a person, falling back to the Bot Framework id when Teams gave no AAD id. */
export function personIdOf(account: { id: string; aadObjectId?: string | null | undefined }): string {
  return `teams:${account.aadObjectId || account.id}`;
}

/** The person acting in an activity. */
export function actorOf(activity: InboundActivity): Actor {
  return { id: personIdOf(activity.from), name: activity.from.name ?? null };
}

/** A channel conversation id without its `;messageid=…` thread suffix: posts go to the channel itself. */
export function channelConversationId(id: string): string {
  return id.replace(/;messageid=\d+$/, '');
}

/** `teams:<conversation id>`, the id the core uses for this conversation. */
export function conversationIdOf(activity: Pick<InboundActivity, 'conversation'>): string {
  return `teams:${channelConversationId(activity.conversation.id)}`;
}

/** Where the activity came from: personal chat, team channel or group chat. */
export function originOf(activity: InboundActivity): Origin {
  const type = activity.conversation.conversationType ?? 'personal';
  const kind = KINDS[type] ?? 'personal';
  const name =
    activity.channelData?.channel?.name ?? activity.channelData?.team?.name ?? activity.conversation.name;
  return { conversationId: conversationIdOf(activity), kind, name: name ?? null };
}
