import { enableInstall, scopeLabel } from '../../domain/install.js';
import { displayName } from '../../domain/people.js';
import type { ScopeWords } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { auditEntry, transact } from '../transact.js';
import { message, refOf } from '../views/format.js';
import { decisionLine } from '../views/request-views.js';
import type { View } from '../views/view.js';
import { resolveScope } from './approval-scope.js';
import { connectLink } from './connect-integration.js';
import { decideRequest, findDecidableRequest } from './decidable-request.js';
import { refreshAdminCard } from './request-integration.js';

export type DecisionResult = { ok: true; views: View[] } | { ok: false; views: View[] };

/**
 * Approves an open request for a scope: enables the integration there, tells the requesters,
 * updates every admin card in place. The first decision wins; a second one is told who decided.
 */
export async function approveIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; scope: ScopeWords },
): Promise<DecisionResult> {
  const now = deps.clock.now();
  const tz = deps.settings.timeZone;
  return transact<DecisionResult>(deps, (state) => {
    const denied =
      checkSystemAdmin(state, input.actor.id, 'approve integrations') ??
      checkPlan(deps.settings, 'thirdPartyIntegrations', 'Third-party integrations');
    if (denied) return { result: { ok: false, views: [message('error', denied.message)] } };
    const found = findDecidableRequest(deps, state, input.requestId);
    if (!found.ok) return { result: found };
    const { request, entry } = found;
    const scope = resolveScope(state, input.scope, request);
    if (!scope.ok) return { result: { ok: false, views: [message('error', scope.message)] } };
    const { before, after } = enableInstall(state, {
      integrationId: entry.id,
      scope: scope.scope,
      by: input.actor.id,
      now,
    });
    const merged = after.scope;
    const label = scopeLabel(state, scope.scope);
    const who = displayName(state, input.actor.id);
    decideRequest(state, {
      request,
      entry,
      outcome: 'approved',
      by: input.actor.id,
      now,
      scope: scope.scope,
      reason: null,
      text: `${who} approved ${entry.name} for ${label}. You can use it now.`,
    });
    refreshAdminCard(deps, state, request, now);
    const connect = before?.connected ? null : connectLink(deps, { integrationId: entry.id, now });
    return {
      result: {
        ok: true,
        views: [
          {
            kind: 'decisionResult',
            integration: refOf(entry),
            outcome: 'approved',
            text: `${decisionLine(state, request, tz)}. ${request.requesters.length} requester(s) told.${connect ? ` Connect ${entry.name} to finish.` : ''}`,
            reason: null,
            authorizeUrl: connect,
          },
        ],
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'request-approved',
          integrationId: entry.id,
          details: `${request.id}; ${before ? `${before.status} for ${scopeLabel(state, before.scope)}` : 'off'} → enabled for ${scopeLabel(state, merged)}`,
        }),
      ],
    };
  });
}
