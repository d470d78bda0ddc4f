import { isEnabledFor } from '../../domain/install.js';
import { groupsOf } from '../../domain/people.js';
import { scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import type { Outcome, UseAlternativeDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { refOf } from '../views/format.js';

export type UseAlternativeOutcome = Outcome<UseAlternativeDone, 'unknown-integration' | 'integration-gone'>;

/**
 * "Use Dropbox" on an alternatives offer: says it is on for the asker, where, and what it does.
 * Files nothing; one turned off since the offer is said to be off.
 */
export function useAlternative(
  deps: Deps,
  input: { actor: Actor; integration: string },
): UseAlternativeOutcome {
  const state = deps.store.read();
  const found = resolveIntegration(deps, state, input.integration);
  if (!found.ok) return found;
  const { entry } = found;
  const install = state.installs[entry.id];
  const groupIds = groupsOf(state, input.actor.id).map((g) => g.id);
  if (!install || !isEnabledFor(install, groupIds)) return refused('integration-gone');
  const scope =
    install.scope.kind === 'all'
      ? install.scope
      : { kind: 'groups' as const, groups: install.scope.groups.filter((g) => groupIds.includes(g)) };
  return {
    ok: true,
    integration: refOf(entry),
    scope: scopeFactsOf(state, scope),
    description: entry.description,
  };
}
