import { deadlinesView } from '../affected-deadlines.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { refusalView } from '../views/refusal-words.js';
import type { View } from '../views/view.js';

/** The integrations whose review deadline needs attention (docs/product.md#review-deadlines), for system admins. */
export function listDeadlines(deps: Deps, input: { actor: Actor }): View {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-deadlines');
  if (denied) return refusalView(denied, deps.settings.timeZone);
  return deadlinesView({ deps, state, now: deps.clock.now() });
}
