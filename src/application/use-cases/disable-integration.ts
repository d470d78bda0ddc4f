import { disableInstall, scopeLabel } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';

type Outcome = { ok: boolean; views: View[] };

/** Turns an integration off everywhere, keeping its groups so `enable` can bring it back. */
export async function disableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<Outcome> {
  const now = deps.clock.now();
  return transact<Outcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'disable-integrations');
    if (denied) return { result: { ok: false, views: [refusalView(denied, deps.settings.timeZone)] } };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: { ok: false, views: [refusalView(found, deps.settings.timeZone)] } };
    const entry = found.entry;
    const install = state.installs[entry.id];
    if (!install)
      return { result: { ok: false, views: [message('info', `${entry.name} is not enabled anywhere.`)] } };
    if (install.status === 'disabled')
      return { result: { ok: true, views: [message('info', `${entry.name} is already disabled.`)] } };
    disableInstall(install, { by: input.actor.id, now, reason: 'admin' });
    const groups = scopeLabel(state, install.scope);
    return {
      result: {
        ok: true,
        views: [
          message(
            'success',
            `${entry.name} is disabled. Its settings are kept: "enable ${entry.id} for …" turns it back on.`,
          ),
        ],
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-disabled',
          integrationId: entry.id,
          details: `enabled for ${groups} → disabled`,
        }),
      ],
    };
  });
}
