import type { CatalogEntry } from '../domain/catalog.js';
import { displayName, isSystemAdmin, systemAdmins } from '../domain/people.js';
import type { PlanFeature } from '../domain/plan.js';
import { planAllows, planNeededFor } from '../domain/plan.js';
import type { Install, State } from '../domain/state.js';
import type { Deps, Settings } from './deps.js';
import type { AdminTask, PlanSubject, Refused } from './outcomes.js';
import { refused } from './outcomes.js';
import { resolveIntegration } from './resolve.js';
import { refOf } from './views/format.js';
import type { IntegrationRef } from './views/view.js';

/** Re-checks, from the store, that the actor is a system admin; the refusal names who is. */
export function checkSystemAdmin(
  state: Readonly<State>,
  actorId: string,
  task: AdminTask,
): Refused<'not-admin'> | null {
  if (isSystemAdmin(state, actorId)) return null;
  const admins = systemAdmins(state)
    .slice(0, 3)
    .map((id) => displayName(state, id));
  return refused('not-admin', { task, admins });
}

export function checkPlan(
  settings: Settings,
  feature: PlanFeature,
  subject: PlanSubject,
): Refused<'plan-too-small'> | null {
  if (planAllows(settings.plan, feature)) return null;
  return refused('plan-too-small', { subject, needed: planNeededFor(feature), current: settings.plan });
}

/**
 * What an admin's action on one integration starts with: the admin check (from the store), then
 * the name resolved, with its install as it stands (if any). Disable, disable-now and keep share it.
 */
export function adminTarget(
  deps: Pick<Deps, 'catalog'>,
  state: Readonly<State>,
  input: { actorId: string; task: AdminTask; name: string },
):
  | { ok: true; entry: CatalogEntry; integration: IntegrationRef; install: Install | undefined }
  | Refused<'not-admin' | 'unknown-integration'> {
  const denied = checkSystemAdmin(state, input.actorId, input.task);
  if (denied) return denied;
  const found = resolveIntegration(deps, state, input.name);
  if (!found.ok) return found;
  const { entry } = found;
  return { ok: true, entry, integration: refOf(entry), install: state.installs[entry.id] };
}
