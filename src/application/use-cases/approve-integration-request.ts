import { enableInstall, scopeLabel } from '../../domain/install.js';
import { refreshAdminCard } from '../admin-card.js';
import { resolveScope } from '../approval-scope.js';
import type { ScopeWords } from '../commands/command.js';
import { connectStepAfterEnable } from '../connect-link.js';
import { findDecidableRequest, recordDecision } from '../decisions.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { DecisionDone, Outcome } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type ApproveOutcome = Outcome<
  DecisionDone,
  | 'not-admin'
  | 'plan-too-small'
  | 'request-gone'
  | 'already-decided'
  | 'request-expired'
  | 'unknown-group'
  | 'no-requester-groups'
>;

/**
 * Approves an open request for a scope: enables the integration there, tells the requesters,
 * updates every admin card in place. The first decision wins; a second one is told who decided.
 */
export async function approveIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; scope: ScopeWords },
): Promise<ApproveOutcome> {
  const now = deps.clock.now();
  // Set inside the change: the id turned on, for the connect step once the change is durable (the
  // entry is looked up again then: a custom one read inside the change is the store's draft).
  const turnedOn: { id?: string } = {};
  const outcome = await transact<ApproveOutcome>(deps, (state) => {
    const denied =
      checkSystemAdmin(state, input.actor.id, 'approve-integrations') ??
      checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
    if (denied) return { result: denied };
    const found = findDecidableRequest(deps, state, input.requestId);
    if (!found.ok) return { result: found };
    const { request, entry } = found;
    const scope = resolveScope(state, input.scope, request);
    if (!scope.ok) return { result: scope };
    const { before, after } = enableInstall(state, {
      integrationId: entry.id,
      scope: scope.scope,
      by: input.actor.id,
      now,
      permissions: entry.permissions,
    });
    const decision = recordDecision(state, {
      request,
      entry,
      outcome: 'approved',
      by: input.actor.id,
      now,
      scope: scope.scope,
      reason: null,
    });
    refreshAdminCard(deps, state, request, now);
    turnedOn.id = entry.id;
    return {
      result: {
        ok: true,
        integration: refOf(entry),
        decision,
        requestersTold: request.requesters.length,
        connect: { status: 'none' },
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'request-approved',
          integrationId: entry.id,
          details: `${request.id}; ${before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off'} → enabled for ${scopeLabel(state, after.scope)}`,
        }),
      ],
    };
  });
  // The authorise link is made once the approval is durable (its PKCE challenge is computed apart).
  const entry = turnedOn.id ? integrationById(deps, deps.store.read(), turnedOn.id) : undefined;
  if (outcome.ok && entry)
    outcome.connect = await connectStepAfterEnable(deps, { entry, actorId: input.actor.id, now });
  return outcome;
}
