import { isSystemAdmin } from './people.js';
import { type AccountPlan, planAllows } from './plan.js';
import type { Install, Scope, State } from './state.js';

/** Groups covered by both scopes merged: "all" absorbs any list. */
export function mergeScopes(a: Scope, b: Scope): Scope {
  if (a.kind === 'all' || b.kind === 'all') return { kind: 'all' };
  return { kind: 'groups', groups: [...new Set([...a.groups, ...b.groups])] };
}

/** True when the integration is on for at least one of these groups (or for all). */
export function isEnabledFor(install: Install | undefined, groupIds: readonly string[]): boolean {
  if (install?.status !== 'enabled') return false;
  if (install.scope.kind === 'all') return true;
  return install.scope.groups.some((g) => groupIds.includes(g));
}

export function scopeLabel(state: Readonly<State>, scope: Scope | null): string {
  if (!scope) return '';
  if (scope.kind === 'all') return 'all groups';
  return scope.groups.map((g) => state.groups[g]?.name ?? g).join(', ');
}

/**
 * Turns an integration on for a scope, merged with the groups it had (a disabled one keeps its
 * settings, so enabling it again restores them). The permissions the catalog asks for today are
 * what the admin approves by turning it on. Returns the install before and after.
 */
export function enableInstall(
  state: State,
  input: { integrationId: string; scope: Scope; by: string; now: Date; permissions: readonly string[] },
): { before: Install | undefined; after: Install } {
  const before = state.installs[input.integrationId];
  const after: Install = {
    integrationId: input.integrationId,
    scope: before ? mergeScopes(before.scope, input.scope) : input.scope,
    status: 'enabled',
    connected: before?.connected ?? false,
    changedAt: input.now.toISOString(),
    changedBy: input.by,
    keptUntil: before?.keptUntil ?? null,
    disabledBy: null,
    disabledAt: null,
    endsAt: null,
    approvedPermissions: [...input.permissions],
  };
  state.installs[input.integrationId] = after;
  return { before: before && { ...before }, after };
}

/** Turns an installed integration off, keeping its groups; says why (an admin, or the review rules). */
export function disableInstall(
  install: Install,
  input: { by: string; now: Date; reason: NonNullable<Install['disabledBy']> },
): void {
  install.status = 'disabled';
  install.disabledBy = input.reason;
  install.disabledAt = input.now.toISOString();
  install.keptUntil = null;
  install.changedAt = input.now.toISOString();
  install.changedBy = input.by;
}

/** Keeps an integration whose review did not pass on until its final deadline (on again if it was off). */
export function keepInstall(install: Install, input: { by: string; now: Date; until: string }): void {
  install.status = 'enabled';
  install.disabledBy = null;
  install.disabledAt = null;
  install.keptUntil = input.until;
  install.changedAt = input.now.toISOString();
  install.changedBy = input.by;
}

/**
 * Who may take an integration away from one group: system admins, and admins of that group;
 * a group admin removes a custom integration only on a plan with `groupAdminRemovesCustom`.
 */
export function checkGroupRemoval(
  state: Readonly<State>,
  input: { actorId: string; groupId: string; custom: boolean; plan: AccountPlan },
): 'not-group-admin' | 'plan' | null {
  if (isSystemAdmin(state, input.actorId)) return null;
  if (!state.groups[input.groupId]?.admins.includes(input.actorId)) return 'not-group-admin';
  if (input.custom && !planAllows(input.plan, 'groupAdminRemovesCustom')) return 'plan';
  return null;
}

/**
 * Takes an integration away from one group; the install goes when no group is left. An
 * integration on for all groups is not narrowed here: that is enabling it for chosen groups.
 */
export function removeFromGroup(
  state: State,
  input: { integrationId: string; groupId: string; by: string; now: Date },
): { removed: false; why: 'not-on' | 'on-for-all' } | { removed: true; before: Scope; rest: string[] } {
  const install = state.installs[input.integrationId];
  if (!install || (install.scope.kind === 'groups' && !install.scope.groups.includes(input.groupId)))
    return { removed: false, why: 'not-on' };
  if (install.scope.kind === 'all') return { removed: false, why: 'on-for-all' };
  const before = install.scope;
  const rest = install.scope.groups.filter((id) => id !== input.groupId);
  if (rest.length) install.scope = { kind: 'groups', groups: rest };
  else delete state.installs[input.integrationId];
  install.changedAt = input.now.toISOString();
  install.changedBy = input.by;
  return { removed: true, before, rest };
}
