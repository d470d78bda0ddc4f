import type { Install, Scope, State } from './state.js';

/** Groups covered by both scopes merged: "all" absorbs any list. */
export function mergeScopes(a: Scope, b: Scope): Scope {
  if (a.kind === 'all' || b.kind === 'all') return { kind: 'all' };
  return { kind: 'groups', groups: [...new Set([...a.groups, ...b.groups])] };
}

/** True when the integration is on for at least one of these groups (or for all). */
export function isEnabledFor(install: Install | undefined, groupIds: readonly string[]): boolean {
  if (!install || install.status !== 'enabled') return false;
  if (install.scope.kind === 'all') return true;
  return install.scope.groups.some((g) => groupIds.includes(g));
}

export function scopeLabel(state: Readonly<State>, scope: Scope | null): string {
  if (!scope) return '';
  if (scope.kind === 'all') return 'all groups';
  return scope.groups.map((g) => state.groups[g]?.name ?? g).join(', ');
}
