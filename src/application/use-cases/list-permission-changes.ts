import { checkPermissions } from '../../domain/permission-change.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { Outcome, PendingPermissionChange, PermissionChangesDone } from '../outcomes.js';
import { refOf } from '../views/format.js';

/** `changes`: enabled integrations asking for more than admins approved, by name (system admins only). */
export function listPermissionChanges(
  deps: Deps,
  input: { actor: Actor },
): Outcome<PermissionChangesDone, 'not-admin'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-permission-changes');
  if (denied) return denied;
  const changes: PendingPermissionChange[] = [];
  for (const [id, install] of Object.entries(state.installs)) {
    const entry = integrationById(deps, state, id);
    if (!entry) continue;
    const check = checkPermissions(install, entry.permissions);
    if (check.kind === 'more') changes.push({ integration: refOf(entry), ...check.diff, hash: check.hash });
  }
  changes.sort((a, b) => a.integration.name.localeCompare(b.integration.name));
  return { ok: true, changes };
}
