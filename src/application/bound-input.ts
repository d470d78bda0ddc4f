import { isConversationId, isPersonId } from '../domain/ids.js';
import { MAX_ID_LENGTH, storableName } from '../domain/limits.js';
import type { Actor, Mention, Origin } from './engine.js';
import { type Refused, refused } from './outcomes.js';

export type Bounded<T> = { ok: true; input: T } | Refused<'unstorable-id'>;

/**
 * The one gate every message and click passes before the core (docs/product.md#safety-and-data): ids the store would
 * refuse on the next start are refused here, display names are cut to what it keeps, and
 * mentions of unstorable ids are dropped (the command then asks who was meant).
 */
export function boundInput<T extends { actor: Actor; origin: Origin; mentions?: readonly Mention[] }>(
  input: T,
): Bounded<T> {
  if (!isPersonId(input.actor.id)) return refused('unstorable-id', { of: 'account', max: MAX_ID_LENGTH });
  if (!isConversationId(input.origin.conversationId))
    return refused('unstorable-id', { of: 'conversation', max: MAX_ID_LENGTH });
  const bounded: T = {
    ...input,
    actor: { id: input.actor.id, name: storableName(input.actor.name) },
    origin: { ...input.origin, name: storableName(input.origin.name) },
  };
  if (input.mentions) bounded.mentions = input.mentions.filter((m) => isPersonId(m.id));
  return { ok: true, input: bounded };
}
