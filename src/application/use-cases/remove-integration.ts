import { scopeLabel } from '../../domain/install.js';
import { isSystemAdmin } from '../../domain/people.js';
import type { State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { resolveGroup, resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView, refusalWords } from '../views/outcome-views.js';
import type { View } from '../views/view.js';
import { VERBS } from '../views/view.js';

type Outcome = { ok: boolean; views: View[] };

/** Group admins may remove an integration from groups they administer; checks plan for custom ones. */
function checkGroupRemoval(
  deps: Deps,
  state: Readonly<State>,
  input: { actor: Actor; groupId: string; custom: boolean },
): string | null {
  if (isSystemAdmin(state, input.actor.id)) return null;
  const group = state.groups[input.groupId];
  if (!group?.admins.includes(input.actor.id))
    return `Only system admins, or admins of ${group?.name ?? 'that group'}, can remove integrations from it.`;
  const plan = input.custom
    ? checkPlan(deps.settings, 'groupAdminRemovesCustom', 'group-admin-removal')
    : null;
  if (plan) return refusalWords(plan, deps.settings.timeZone).text;
  return null;
}

/**
 * `remove <name>` takes an integration away entirely (system admins); `remove <name> from <group>`
 * takes it from one group. A group admin first gets a confirmation card; `confirmed` carries it out.
 */
export async function removeIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; group: string | null; confirmed: boolean },
): Promise<Outcome> {
  const now = deps.clock.now();
  return transact<Outcome>(deps, (state) => {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: { ok: false, views: [refusalView(found, deps.settings.timeZone)] } };
    const entry = found.entry;
    const install = state.installs[entry.id];
    if (input.group === null) {
      const denied = checkSystemAdmin(state, input.actor.id, 'remove-integrations');
      if (denied)
        return {
          result: {
            ok: false,
            views: [
              message(
                'error',
                `${refusalWords(denied, deps.settings.timeZone).text} Group admins can say "remove ${entry.id} from <group>".`,
              ),
            ],
          },
        };
      if (!install)
        return { result: { ok: false, views: [message('info', `${entry.name} is not installed.`)] } };
      delete state.installs[entry.id];
      return {
        result: { ok: true, views: [message('success', `${entry.name} was removed from every group.`)] },
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
    if (!group.ok) return { result: { ok: false, views: [refusalView(group, deps.settings.timeZone)] } };
    const g = group.group;
    const refusal = checkGroupRemoval(deps, state, {
      actor: input.actor,
      groupId: g.id,
      custom: entry.custom,
    });
    if (refusal) return { result: { ok: false, views: [message('error', refusal)] } };
    if (!install || (install.scope.kind === 'groups' && !install.scope.groups.includes(g.id))) {
      return { result: { ok: false, views: [message('info', `${entry.name} is not on for ${g.name}.`)] } };
    }
    if (install.scope.kind === 'all') {
      return {
        result: {
          ok: false,
          views: [
            message(
              'info',
              `${entry.name} is on for all groups. A system admin can enable it for chosen groups instead.`,
            ),
          ],
        },
      };
    }
    if (!input.confirmed && !isSystemAdmin(state, input.actor.id)) {
      return {
        result: {
          ok: true,
          views: [
            message('warning', `Remove ${entry.name} from ${g.name}? Its members lose access.`, undefined),
          ].map((v) => ({
            ...v,
            actions: [
              {
                verb: VERBS.confirmGroupRemoval,
                label: `Remove from ${g.name}`,
                data: { integrationId: entry.id, groupId: g.id },
                style: 'destructive' as const,
              },
            ],
          })),
        },
      };
    }
    const before = scopeLabel(state, install.scope);
    const rest = install.scope.groups.filter((id) => id !== g.id);
    if (rest.length) install.scope = { kind: 'groups', groups: rest };
    else delete state.installs[entry.id];
    install.changedAt = now.toISOString();
    install.changedBy = input.actor.id;
    return {
      result: { ok: true, views: [message('success', `${entry.name} was removed from ${g.name}.`)] },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-removed-from-group',
          integrationId: entry.id,
          details: `${before} → ${rest.length ? scopeLabel(state, { kind: 'groups', groups: rest }) : 'removed'}`,
        }),
      ],
    };
  });
}
