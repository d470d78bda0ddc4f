import type { Actor, Mention } from '../../application/engine.js';
import { actorOf, commandText, mentionedUserIds } from './conversation.js';
import type { SlackDeps } from './replies.js';

/** The actor for a Slack user, named as Slack shows them (users.info), else by `fallback`. */
export async function resolveActor(
  deps: Pick<SlackDeps, 'userNames'>,
  input: { userId: string; fallback?: string | null },
): Promise<Actor> {
  const name = await deps.userNames(input.userId);
  return actorOf(input.userId, name ?? input.fallback);
}

/** Command text of a Slack message, its mentions named as Slack shows those people. */
export async function resolveCommandText(
  deps: Pick<SlackDeps, 'userNames'>,
  input: { text: string; botUserId?: string | null },
): Promise<{ text: string; mentions: Mention[] }> {
  const ids = mentionedUserIds(input.text).filter((id) => id !== input.botUserId);
  const found = await Promise.all(ids.map(async (id) => [id, await deps.userNames(id)] as const));
  return commandText({ ...input, names: Object.fromEntries(found) });
}
