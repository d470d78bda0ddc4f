import { affectedIntegrations } from '../affected-deadlines.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DeadlineListDone, Outcome } from '../outcomes.js';

/** The integrations whose review deadline needs attention (docs/product.md#review-deadlines), for system admins. */
export function listDeadlines(deps: Deps, input: { actor: Actor }): Outcome<DeadlineListDone, 'not-admin'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-deadlines');
  if (denied) return denied;
  return { ok: true, affected: affectedIntegrations(deps, state, deps.clock.now()) };
}
