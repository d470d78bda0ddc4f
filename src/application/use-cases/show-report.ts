import { scopeLabel } from '../../domain/install.js';
import { displayName } from '../../domain/people.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { formatDateTime, refOf } from '../views/format.js';
import { refusalView } from '../views/refusal-words.js';
import type { View } from '../views/view.js';

/** "Permissions and data": every installed or requested integration, its state, groups, permissions and last change. */
export function showReport(deps: Deps, input: { actor: Actor }): View {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-report');
  if (denied) return refusalView(denied, deps.settings.timeZone);
  const latest = deps.audit.latestByIntegration();
  const ids = new Set([...Object.keys(state.installs), ...Object.keys(state.openRequests)]);
  const rows = [...ids].flatMap((id) => {
    const entry = integrationById(deps, state, id);
    if (!entry) return [];
    const install = state.installs[id];
    const last = latest.get(id);
    const stateLabel = install
      ? `${install.status}${install.connected ? ', connected' : ''}${install.keptUntil ? ', kept until deadline' : ''}`
      : 'requested';
    return [
      {
        integration: refOf(entry),
        state: stateLabel,
        groups: install ? scopeLabel(state, install.scope) : '—',
        permissions: entry.permissions,
        lastChange: last
          ? `${last.action} by ${last.actor.includes(':') ? displayName(state, last.actor) : last.actor}, ${formatDateTime(last.at, deps.settings.timeZone)}`
          : '—',
      },
    ];
  });
  return { kind: 'report', rows };
}
