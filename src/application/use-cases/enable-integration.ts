import { enableInstall, scopeLabel } from '../../domain/install.js';
import type { TimeBox } from '../../domain/time-box.js';
import { resolveScope } from '../approval-scope.js';
import type { ScopeWords } from '../commands/command.js';
import { scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { EnableDone, Outcome } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { endOfTimeBox, endsLabel } from '../time-box-end.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type EnableOutcome = Outcome<
  EnableDone,
  | 'plan-too-small'
  | 'not-admin'
  | 'unknown-integration'
  | 'unknown-group'
  | 'no-requester-groups'
  | 'bad-time-box'
>;

/**
 * Turns an integration on for more groups (or all), or back on after a disable, keeping its
 * settings; with a time box it ends then, without one it has no end.
 */
export async function enableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; scope: ScopeWords; ends?: TimeBox | null },
): Promise<EnableOutcome> {
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (gate) return gate;
  const now = deps.clock.now();
  return transact<EnableOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'enable-integrations');
    if (denied) return { result: denied };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const scope = resolveScope(state, input.scope, null);
    if (!scope.ok) return { result: scope };
    const end = endOfTimeBox(deps, input.ends ?? null, now);
    if (!end.ok) return { result: end };
    const entry = found.entry;
    const { before, after } = enableInstall(state, {
      integrationId: entry.id,
      scope: scope.scope,
      by: input.actor.id,
      now,
      endsAt: end.endsAt,
    });
    const was = before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off';
    return {
      result: {
        ok: true,
        integration: refOf(entry),
        scope: scopeFactsOf(state, after.scope),
        lastDay: end.lastDay,
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-enabled',
          integrationId: entry.id,
          details: `${was} → enabled for ${scopeLabel(state, after.scope)}${endsLabel(end)}`,
        }),
      ],
    };
  });
}
