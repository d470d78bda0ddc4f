import { z } from 'zod';
import { groupIdsOf } from '../domain/people.js';
import type { IntegrationRequest, Scope, State } from '../domain/state.js';
import type { ScopeWords } from './commands/command.js';
import type { Refused } from './outcomes.js';
import { refused } from './outcomes.js';
import { resolveGroups } from './resolve.js';

/** How a card carries a scope: `requesters`, `all` or `groups:<id>,<id>` (ids only). */
export const ScopeToken = z
  .string()
  .max(2000)
  .regex(/^(requesters|all|groups:[a-z0-9-]+(,[a-z0-9-]+)*)$/, 'requesters, all or groups:<ids>');

export function scopeToToken(scope: Scope | { kind: 'requesters' }): string {
  if (scope.kind === 'groups') return `groups:${scope.groups.join(',')}`;
  return scope.kind;
}

export function tokenToWords(token: string): ScopeWords {
  if (token === 'all') return { kind: 'all' };
  if (token === 'requesters') return { kind: 'requesters' };
  return { kind: 'groups', groups: token.slice('groups:'.length).split(',') };
}

/** Turns "for the requesters' groups / all / these groups" into a stored scope, or says why not. */
export function resolveScope(
  state: Readonly<State>,
  words: ScopeWords,
  request: IntegrationRequest | null,
): { ok: true; scope: Scope } | Refused<'unknown-group' | 'no-requester-groups'> {
  if (words.kind === 'all') return { ok: true, scope: { kind: 'all' } };
  if (words.kind === 'groups') {
    const found = resolveGroups(state, words.groups);
    if (!found.ok) return found;
    return { ok: true, scope: { kind: 'groups', groups: [...new Set(found.groups.map((g) => g.id))] } };
  }
  const ids = groupIdsOf(
    state,
    (request?.requesters ?? []).map((r) => r.personId),
  );
  if (ids.size === 0) {
    return refused('no-requester-groups');
  }
  return { ok: true, scope: { kind: 'groups', groups: [...ids] } };
}
