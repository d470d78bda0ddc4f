import { enableInstall, scopeLabel } from '../../domain/install.js';
import type { ScopeWords } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';
import { resolveScope } from './approval-scope.js';

type Outcome = { ok: boolean; views: View[] };

/** Turns an integration on for more groups (or all), or back on after a disable, keeping its settings. */
export async function enableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; scope: ScopeWords },
): Promise<Outcome> {
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (gate) return { ok: false, views: [refusalView(gate, deps.settings.timeZone)] };
  const now = deps.clock.now();
  return transact<Outcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'enable-integrations');
    if (denied) return { result: { ok: false, views: [refusalView(denied, deps.settings.timeZone)] } };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: { ok: false, views: [refusalView(found, deps.settings.timeZone)] } };
    const scope = resolveScope(state, input.scope, null);
    if (!scope.ok) return { result: { ok: false, views: [refusalView(scope, deps.settings.timeZone)] } };
    const entry = found.entry;
    const { before, after } = enableInstall(state, {
      integrationId: entry.id,
      scope: scope.scope,
      by: input.actor.id,
      now,
    });
    const merged = after.scope;
    const was = before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off';
    return {
      result: {
        ok: true,
        views: [message('success', `${entry.name} is enabled for ${scopeLabel(state, merged)}.`)],
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-enabled',
          integrationId: entry.id,
          details: `${was} → enabled for ${scopeLabel(state, merged)}`,
        }),
      ],
    };
  });
}
