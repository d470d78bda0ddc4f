import { own } from '../../domain/records.js';
import { openRequestFor } from '../../domain/request.js';
import type { TimeBox } from '../../domain/time-box.js';
import { resolveScope, scopeToToken } from '../approval-scope.js';
import { checkNotBlocked } from '../blocks.js';
import type { ScopeWords } from '../commands/command.js';
import { alreadyDecided, noOpenRequest, scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { Outcome, PrepareApprovalDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { endOfTimeBox } from '../time-box-end.js';
import { timeBoxToToken } from '../time-box-token.js';
import { refOf } from '../views/format.js';

export type PrepareApprovalOutcome = Outcome<
  PrepareApprovalDone,
  | 'not-admin'
  | 'plan-too-small'
  | 'unknown-integration'
  | 'no-open-request'
  | 'request-gone'
  | 'already-decided'
  | 'request-expired'
  | 'unknown-group'
  | 'no-requester-groups'
  | 'integration-blocked'
  | 'bad-time-box'
>;

/**
 * The first step of an approval: the permissions the integration asks for and the scope the
 * "Add" button will approve it for. Nothing changes until that button is pressed.
 */
export function prepareApproval(
  deps: Deps,
  input: { actor: Actor; integration?: string; requestId?: string; scope: ScopeWords; ends?: TimeBox | null },
): PrepareApprovalOutcome {
  const state = deps.store.read();
  const denied =
    checkSystemAdmin(state, input.actor.id, 'approve-integrations') ??
    checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (denied) return denied;
  let request = input.requestId ? own(state.requests, input.requestId) : undefined;
  let entry = request ? integrationById(deps, state, request.integrationId) : undefined;
  if (!request && input.integration !== undefined) {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return found;
    entry = found.entry;
    const blocked = checkNotBlocked(state, entry, 'approve');
    if (blocked) return blocked;
    request = openRequestFor(state, entry.id);
    if (!request) return noOpenRequest(state, { entry, wanted: 'approve' });
  }
  if (!request || !entry) return refused('request-gone');
  const decided = alreadyDecided(state, request, entry);
  if (decided) return decided;
  const scope = resolveScope(state, input.scope, request);
  if (!scope.ok) return scope;
  const ends = input.ends ?? null;
  const end = endOfTimeBox(deps, ends, deps.clock.now());
  if (!end.ok) return end;
  return {
    ok: true,
    requestId: request.id,
    integration: refOf(entry),
    permissions: entry.permissions,
    review: entry.review,
    scope: scopeFactsOf(state, scope.scope),
    scopeToken: scopeToToken(scope.scope),
    endsToken: timeBoxToToken(ends),
  };
}
