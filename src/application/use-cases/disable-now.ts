import { disableInstall } from '../../domain/install.js';
import { deadlinesView } from '../affected-deadlines.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';

/** "Disable now" from a deadline card: an admin turns the integration off instead of keeping it. */
export async function disableNow(deps: Deps, input: { actor: Actor; integration: string }): Promise<View> {
  const now = deps.clock.now();
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'disable-integrations');
    if (denied) return { result: refusalView(denied, deps.settings.timeZone) };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: refusalView(found, deps.settings.timeZone) };
    const entry = found.entry;
    const install = state.installs[entry.id];
    if (!install) return { result: message('info', `${entry.name} is not enabled anywhere.`) };
    if (install.status === 'disabled' && install.disabledBy !== 'auto-disable') {
      return { result: message('info', `${entry.name} is already disabled.`) };
    }
    const was =
      install.status === 'enabled'
        ? `enabled${install.keptUntil ? ', kept' : ''}`
        : 'disabled (auto-disable)';
    disableInstall(install, { by: input.actor.id, now, reason: 'admin' });
    return {
      result: deadlinesView({ deps, state, now, title: `${entry.name} is disabled` }),
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-disabled',
          integrationId: entry.id,
          details: `${was} → disabled: an admin chose to disable it rather than wait for its review (${entry.review.state})`,
        }),
      ],
    };
  });
}
