import { displayName, isSystemAdmin, systemAdmins } from '../domain/people.js';
import type { PlanFeature } from '../domain/plan.js';
import { planAllows, planNeededFor } from '../domain/plan.js';
import type { State } from '../domain/state.js';
import type { Settings } from './deps.js';
import type { AdminTask, PlanSubject, Refused } from './outcomes.js';
import { refused } from './outcomes.js';

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
