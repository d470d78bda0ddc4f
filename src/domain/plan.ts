import { z } from 'zod';

export const AccountPlan = z.enum(['free', 'business', 'enterprise']);
export type AccountPlan = z.infer<typeof AccountPlan>;

/** What each plan unlocks (docs/product.md#people-roles-and-plans). */
export const PLAN_FEATURES = {
  thirdPartyIntegrations: ['business', 'enterprise'],
  skypeProvider: ['business', 'enterprise'],
  groupAdminRemovesCustom: ['enterprise'],
} as const satisfies Record<string, readonly AccountPlan[]>;
export type PlanFeature = keyof typeof PLAN_FEATURES;

export function planAllows(plan: AccountPlan, feature: PlanFeature): boolean {
  return (PLAN_FEATURES[feature] as readonly AccountPlan[]).includes(plan);
}

/** The cheapest plan that has the feature, for "needs the Business plan" sentences. */
export function planNeededFor(feature: PlanFeature): AccountPlan {
  const [first] = PLAN_FEATURES[feature];
  return first;
}
