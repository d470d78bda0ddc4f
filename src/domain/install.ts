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
 * settings, so enabling it again restores them). Returns the install before and after.
 */
export function enableInstall(
  state: State,
  input: { integrationId: string; scope: Scope; by: string; now: Date },
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
