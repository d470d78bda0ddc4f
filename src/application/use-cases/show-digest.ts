import type { Deps } from '../deps.js';
import { digestFacts } from '../digest.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DigestDone, Outcome } from '../outcomes.js';

/** `digest`: the demand digest as of now (docs/product.md#the-digest), for system admins. */
export function showDigest(deps: Deps, input: { actor: Actor }): Outcome<DigestDone, 'not-admin'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-digest');
  if (denied) return denied;
  return { ok: true, ...digestFacts(deps, state, deps.clock.now()) };
}
