import { scopeLabel } from '../../domain/install.js';
import { displayName } from '../../domain/people.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { Outcome, ReportDone } from '../outcomes.js';

/** "Permissions and data": every installed or requested integration, its state, groups, permissions and last change. */
export function showReport(deps: Deps, input: { actor: Actor }): Outcome<ReportDone, 'not-admin'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-report');
  if (denied) return denied;
  const latest = deps.audit.latestByIntegration();
  const ids = new Set([...Object.keys(state.installs), ...Object.keys(state.openRequests)]);
  const rows = [...ids].flatMap((id) => {
    const entry = integrationById(deps, state, id);
    if (!entry) return [];
    const install = state.installs[id];
    const last = latest.get(id);
    return [
      {
        entry,
        install: install
          ? {
              status: install.status,
              // Only an entry with a connect step and a stored token is connected.
              connected: Boolean(entry.oauth && state.connections[id]),
              kept: Boolean(install.keptUntil),
              groups: scopeLabel(state, install.scope),
            }
          : null,
        lastChange: last
          ? {
              action: last.action,
              by: last.actor.includes(':') ? displayName(state, last.actor) : last.actor,
              at: last.at,
            }
          : null,
      },
    ];
  });
  return { ok: true, rows };
}
