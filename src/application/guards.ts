import { displayName, isSystemAdmin, systemAdmins } from '../domain/people.js';
import type { PlanFeature } from '../domain/plan.js';
import { planAllows, planNeededFor } from '../domain/plan.js';
import type { State } from '../domain/state.js';
import type { Settings } from './deps.js';
import type { Refusal } from './resolve.js';
import { refuse } from './resolve.js';

const PLAN_NAMES = { free: 'Free', business: 'Business', enterprise: 'Enterprise' } as const;

/** Re-checks, from the store, that the actor is a system admin; the refusal names who is. */
export function checkSystemAdmin(state: Readonly<State>, actorId: string, doing: string): Refusal | null {
  if (isSystemAdmin(state, actorId)) return null;
  const admins = systemAdmins(state).map((id) => displayName(state, id));
  const ask = admins.length ? ` Ask ${admins.slice(0, 3).join(', ')}.` : '';
  return refuse(`Only system admins can ${doing}.${ask}`);
}

export function checkPlan(settings: Settings, feature: PlanFeature, what: string): Refusal | null {
  if (planAllows(settings.plan, feature)) return null;
  const needed = planNeededFor(feature);
  const also = needed === 'business' ? ' or Enterprise' : '';
  return refuse(
    `${what} needs the ${PLAN_NAMES[needed]}${also} plan; this account is on the ${PLAN_NAMES[settings.plan]} plan.`,
  );
}
