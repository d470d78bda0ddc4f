import { enableInstall, scopeLabel } from '../../domain/install.js';
import { resolveScope } from '../approval-scope.js';
import { checkNotBlocked } from '../blocks.js';
import type { ScopeWords } from '../commands/command.js';
import { connectStepAfterEnable } from '../connect-link.js';
import { scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { EnableDone, Outcome } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type EnableOutcome = Outcome<
  EnableDone,
  | 'plan-too-small'
  | 'not-admin'
  | 'unknown-integration'
  | 'unknown-group'
  | 'no-requester-groups'
  | 'integration-blocked'
>;

/**
 * Turns an integration on for more groups (or all), or back on after a disable, keeping its
 * settings; a blocked one is refused until it is unblocked.
 */
export async function enableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; scope: ScopeWords },
): Promise<EnableOutcome> {
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (gate) return gate;
  const now = deps.clock.now();
  // Set inside the change: the id turned on, for the connect step once the change is durable (the
  // entry is looked up again then: a custom one read inside the change is the store's draft).
  const turnedOn: { id?: string } = {};
  const outcome = await transact<EnableOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'enable-integrations');
    if (denied) return { result: denied };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const blocked = checkNotBlocked(state, found.entry, 'enable');
    if (blocked) return { result: blocked };
    const scope = resolveScope(state, input.scope, null);
    if (!scope.ok) return { result: scope };
    const entry = found.entry;
    const { before, after } = enableInstall(state, {
      integrationId: entry.id,
      scope: scope.scope,
      by: input.actor.id,
      now,
      permissions: entry.permissions,
    });
    turnedOn.id = entry.id;
    const was = before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off';
    return {
      result: {
        ok: true,
        integration: refOf(entry),
        scope: scopeFactsOf(state, after.scope),
        connect: { status: 'none' },
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-enabled',
          integrationId: entry.id,
          details: `${was} → enabled for ${scopeLabel(state, after.scope)}`,
        }),
      ],
    };
  });
  const entry = turnedOn.id ? integrationById(deps, deps.store.read(), turnedOn.id) : undefined;
  if (outcome.ok && entry)
    outcome.connect = await connectStepAfterEnable(deps, { entry, actorId: input.actor.id, now });
  return outcome;
}
