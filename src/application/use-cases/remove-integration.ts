import { checkGroupRemoval, removeFromGroup, scopeLabel } from '../../domain/install.js';
import { isSystemAdmin } from '../../domain/people.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { Outcome, RemoveDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveGroup, resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type RemoveOutcome = Outcome<
  RemoveDone,
  | 'unknown-integration'
  | 'not-admin'
  | 'not-installed'
  | 'unknown-group'
  | 'not-group-admin'
  | 'plan-too-small'
  | 'not-on-for-group'
  | 'on-for-all-groups'
>;

/**
 * `remove <name>` takes an integration away entirely (system admins); `remove <name> from <group>`
 * takes it from one group. A group admin first gets a confirmation card; `confirmed` carries it out.
 */
export async function removeIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; group: string | null; confirmed: boolean },
): Promise<RemoveOutcome> {
  const now = deps.clock.now();
  return transact<RemoveOutcome>(deps, (state) => {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const entry = found.entry;
    const integration = refOf(entry);
    const install = state.installs[entry.id];
    if (input.group === null) {
      const denied = checkSystemAdmin(state, input.actor.id, 'remove-integrations');
      if (denied) return { result: { ...denied, removableFromGroup: entry.id } };
      if (!install) return { result: refused('not-installed', { integration }) };
      delete state.installs[entry.id];
      return {
        result: { ok: true, result: 'removed', integration, group: null },
        audit: [
          auditEntry({
            at: now,
            actor: input.actor.id,
            action: 'integration-removed',
            integrationId: entry.id,
            details: `${install.status} for ${scopeLabel(state, install.scope)} → removed`,
          }),
        ],
      };
    }
    const group = resolveGroup(state, input.group);
    if (!group.ok) return { result: group };
    const g = group.group;
    const refusal = checkGroupRemoval(state, {
      actorId: input.actor.id,
      groupId: g.id,
      custom: entry.custom,
      plan: deps.settings.plan,
    });
    if (refusal === 'not-group-admin') return { result: refused('not-group-admin', { group: g.name }) };
    if (refusal === 'plan') {
      const gate = checkPlan(deps.settings, 'groupAdminRemovesCustom', 'group-admin-removal');
      if (gate) return { result: gate };
    }
    const on = install?.scope.kind === 'all' || install?.scope.groups.includes(g.id);
    if (!on) return { result: refused('not-on-for-group', { integration, group: g.name }) };
    if (install?.scope.kind === 'all') return { result: refused('on-for-all-groups', { integration }) };
    if (!input.confirmed && !isSystemAdmin(state, input.actor.id)) {
      return { result: { ok: true, result: 'confirm', integration, group: { id: g.id, name: g.name } } };
    }
    const removed = removeFromGroup(state, {
      integrationId: entry.id,
      groupId: g.id,
      by: input.actor.id,
      now,
    });
    if (!removed.removed) return { result: refused('not-on-for-group', { integration, group: g.name }) };
    return {
      result: { ok: true, result: 'removed', integration, group: g.name },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-removed-from-group',
          integrationId: entry.id,
          details: `${scopeLabel(state, removed.before)} → ${removed.rest.length ? scopeLabel(state, { kind: 'groups', groups: removed.rest }) : 'removed'}`,
        }),
      ],
    };
  });
}
