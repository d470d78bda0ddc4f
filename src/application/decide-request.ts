import { enableInstall, scopeLabel } from '../domain/install.js';
import type { State } from '../domain/state.js';
import type { TimeBox } from '../domain/time-box.js';
import { refreshAdminCard } from './admin-card.js';
import { resolveScope } from './approval-scope.js';
import type { ScopeWords } from './commands/command.js';
import { connectStepAfterEnable } from './connect-link.js';
import { findDecidableRequest, recordDecision } from './decisions.js';
import { type Deps, integrationById } from './deps.js';
import type { Actor } from './engine.js';
import { checkPlan, checkSystemAdmin } from './guards.js';
import type { DecisionDone, Outcome } from './outcomes.js';
import { endOfTimeBox, endsLabel } from './time-box-end.js';
import type { Change } from './transact.js';
import { auditEntry } from './transact.js';
import { refOf } from './views/format.js';

/**
 * One decision on one request, as the change of one `transact`: the approve and deny use cases run
 * it alone, `decideMany` once per request (each its own transaction, audit entry and notices).
 */

export type ApproveOutcome = Outcome<
  DecisionDone,
  | 'not-admin'
  | 'plan-too-small'
  | 'request-gone'
  | 'already-decided'
  | 'request-expired'
  | 'unknown-group'
  | 'no-requester-groups'
  | 'bad-time-box'
>;

export type DenyOutcome = Outcome<
  DecisionDone,
  'reason-required' | 'reason-too-long' | 'not-admin' | 'request-gone' | 'already-decided' | 'request-expired'
>;

/**
 * Approves an open request for a scope, inside a change: re-checks the admin and the plan, enables the
 * integration there, tells the requesters, updates every admin card in place. The first decision wins.
 */
export function approveRequestChange(
  deps: Deps,
  state: State,
  input: { actor: Actor; requestId: string; scope: ScopeWords; now: Date; ends?: TimeBox | null },
): Change<ApproveOutcome> {
  const { now } = input;
  const denied =
    checkSystemAdmin(state, input.actor.id, 'approve-integrations') ??
    checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (denied) return { result: denied };
  const found = findDecidableRequest(deps, state, input.requestId);
  if (!found.ok) return { result: found };
  const { request, entry } = found;
  const scope = resolveScope(state, input.scope, request);
  if (!scope.ok) return { result: scope };
  const end = endOfTimeBox(deps, input.ends ?? null, now);
  if (!end.ok) return { result: end };
  const { before, after } = enableInstall(state, {
    integrationId: entry.id,
    scope: scope.scope,
    by: input.actor.id,
    now,
    permissions: entry.permissions,
    endsAt: end.endsAt,
  });
  return decided(deps, state, {
    request,
    entry,
    outcome: 'approved',
    by: input.actor.id,
    now,
    scope: scope.scope,
    reason: null,
    lastDay: end.lastDay,
    details: `${request.id}; ${before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off'} → enabled for ${scopeLabel(state, after.scope)}${endsLabel(end)}`,
  });
}

/**
 * Denies an open request inside a change, with a reason already checked by the reason rule:
 * re-checks the admin, tells the requesters, updates every admin card. The first decision wins.
 */
export function denyRequestChange(
  deps: Deps,
  state: State,
  input: { actor: Actor; requestId: string; reason: string; now: Date },
): Change<DenyOutcome> {
  const { now, reason } = input;
  const denied = checkSystemAdmin(state, input.actor.id, 'deny-requests');
  if (denied) return { result: denied };
  const found = findDecidableRequest(deps, state, input.requestId);
  if (!found.ok) return { result: found };
  const { request, entry } = found;
  return decided(deps, state, {
    request,
    entry,
    outcome: 'denied',
    by: input.actor.id,
    now,
    scope: null,
    reason,
    details: `${request.id}: ${reason}`,
  });
}

/**
 * What every decision does once it is allowed: records it (the requesters told), updates every copy
 * of the admin card, and answers with its audit entry.
 */
function decided(
  deps: Deps,
  state: State,
  input: Parameters<typeof recordDecision>[1] & { details: string },
): Change<{ ok: true } & DecisionDone> {
  const { details, ...decision } = input;
  const facts = recordDecision(state, decision);
  refreshAdminCard(deps, state, input.request, input.now);
  return {
    result: {
      ok: true,
      integration: refOf(input.entry),
      decision: facts,
      requestersTold: input.request.requesters.length,
      connect: { status: 'none' },
    },
    audit: [
      auditEntry({
        at: input.now,
        actor: input.by,
        action: input.outcome === 'approved' ? 'request-approved' : 'request-denied',
        integrationId: input.entry.id,
        details,
      }),
    ],
  };
}

/**
 * An approval's connect step, once the approval is durable: the authorise link for the admin who
 * approved (its PKCE challenge is computed outside the change). The entry is looked up again, since
 * a custom one read inside the change was the store's draft.
 */
export async function withConnectStep(
  deps: Deps,
  outcome: ApproveOutcome,
  input: { actorId: string; now: Date },
): Promise<ApproveOutcome> {
  if (!outcome.ok) return outcome;
  const entry = integrationById(deps, deps.store.read(), outcome.integration.id);
  if (!entry) return outcome;
  return { ...outcome, connect: await connectStepAfterEnable(deps, { entry, ...input }) };
}
