import { isConversationId, isPersonId } from '../domain/ids.js';
import { MAX_ID_LENGTH, storableName } from '../domain/limits.js';
import type { Actor, Mention, Origin } from './engine.js';

export type Bounded<T> = { ok: true; input: T } | { ok: false; message: string };

const ID_SHAPE = `a platform prefix, no spaces and at most ${MAX_ID_LENGTH} characters after it`;

/**
 * The one gate every message and click passes before the core (docs/product.md#safety-and-data): ids the store would
 * refuse on the next start are refused here, display names are cut to what it keeps, and
 * mentions of unstorable ids are dropped (the command then asks who was meant).
 */
export function boundInput<T extends { actor: Actor; origin: Origin; mentions?: readonly Mention[] }>(
  input: T,
): Bounded<T> {
  if (!isPersonId(input.actor.id)) {
    return {
      ok: false,
      message: `I can't act for this account: its id does not have ${ID_SHAPE}. Nothing was changed.`,
    };
  }
  if (!isConversationId(input.origin.conversationId)) {
    return {
      ok: false,
      message: `I can't act in this conversation: its id does not have ${ID_SHAPE}. Nothing was changed.`,
    };
  }
  const bounded: T = {
    ...input,
    actor: { id: input.actor.id, name: storableName(input.actor.name) },
    origin: { ...input.origin, name: storableName(input.origin.name) },
  };
  if (input.mentions) bounded.mentions = input.mentions.filter((m) => isPersonId(m.id));
  return { ok: true, input: bounded };
}
