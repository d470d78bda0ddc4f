import type { Actor, Mention, Origin } from '../../application/engine.js';

const MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;

/** The actor for a Slack user id. */
export function actorOf(userId: string, name?: string | null): Actor {
  return { id: `slack:${userId}`, name: name?.trim() ? name.trim() : null };
}

/** The conversation kind from Slack's channel type, or from the id's prefix when no type is given. */
export function kindOf(channelId: string, channelType?: string | null): Origin['kind'] {
  if (channelType === 'im' || channelType === 'directmessage') return 'personal';
  if (channelType === 'mpim') return 'group';
  if (channelType) return 'channel';
  return channelId.startsWith('D') ? 'personal' : 'channel';
}

export function originOf(input: {
  channelId: string;
  channelType?: string | null;
  name?: string | null;
}): Origin {
  return {
    conversationId: `slack:${input.channelId}`,
    kind: kindOf(input.channelId, input.channelType),
    name: input.name ?? null,
  };
}

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** User ids mentioned in Slack message text (`<@U…>`), each once, in order. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/**
 * Turns Slack message text into command text: the bot's own mention is dropped, other user
 * mentions become `@name` with a Mention each (the name from `names`, else the mention's
 * label, else the id), channel and link markup become plain text.
 */
export function commandText(input: {
  text: string;
  botUserId?: string | null;
  names?: Readonly<Record<string, string | null>>;
}): {
  text: string;
  mentions: Mention[];
} {
  const mentions: Mention[] = [];
  const replaced = input.text.replace(MENTION, (_all, id: string, label?: string) => {
    if (id === input.botUserId) return ' ';
    const name = input.names?.[id]?.trim() || label?.trim() || id;
    mentions.push({ id: `slack:${id}`, name });
    return `@${name}`;
  });
  const plain = replaced
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(?:subteam\^[A-Z0-9]+\|)?([^>|]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^>|]+)(?:\|[^>]*)?>/g, '$1');
  return { text: unescapeEntities(plain).replace(/\s+/g, ' ').trim(), mentions };
}

/** Card message ids are `<channel>/<ts>`: chat.update needs both. */
export function encodeMessageId(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

export function decodeMessageId(messageId: string): { channel: string; ts: string } | null {
  const match = /^([A-Z0-9]+)\/(\d+\.\d+)$/.exec(messageId);
  return match?.[1] && match[2] ? { channel: match[1], ts: match[2] } : null;
}
