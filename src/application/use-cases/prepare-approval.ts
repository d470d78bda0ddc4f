import { scopeLabel } from '../../domain/install.js';
import type { ScopeWords } from '../commands/command.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { refuse, resolveIntegration } from '../resolve.js';
import { message, refOf, reviewLabel } from '../views/format.js';
import { decisionLine } from '../views/request-views.js';
import type { View } from '../views/view.js';
import { VERBS } from '../views/view.js';
import { resolveScope, scopeToToken } from './approval-scope.js';
import { findOpenRequest } from './request-integration.js';

/**
 * The first step of an approval: shows the permissions the integration asks for and an
 * "Add" button for the chosen scope. Nothing changes until that button is pressed.
 */
export function prepareApproval(
  deps: Deps,
  input: { actor: Actor; integration?: string; requestId?: string; scope: ScopeWords },
): { ok: boolean; views: View[] } {
  const state = deps.store.read();
  const denied =
    checkSystemAdmin(state, input.actor.id, 'approve integrations') ??
    checkPlan(deps.settings, 'thirdPartyIntegrations', 'Third-party integrations');
  if (denied) return { ok: false, views: [message('error', denied.message)] };
  let request = input.requestId ? state.requests[input.requestId] : undefined;
  let entry = request ? integrationById(deps, state, request.integrationId) : undefined;
  if (!request && input.integration !== undefined) {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { ok: false, views: [message('error', found.message)] };
    entry = found.entry;
    request = findOpenRequest(state, entry.id);
    if (!request) {
      const hint = refuse(
        `Nobody has asked for ${entry.name}. To turn it on anyway: enable ${entry.id} for all (or for <group>).`,
      );
      return { ok: false, views: [message('info', hint.message)] };
    }
  }
  if (!request || !entry) return { ok: false, views: [message('error', 'That request no longer exists.')] };
  if (request.state !== 'open') {
    return {
      ok: false,
      views: [message('info', `Already decided: ${decisionLine(state, request, deps.settings.timeZone)}.`)],
    };
  }
  const scope = resolveScope(state, input.scope, request);
  if (!scope.ok) return { ok: false, views: [message('error', scope.message)] };
  const label = scopeLabel(state, scope.scope);
  return {
    ok: true,
    views: [
      {
        kind: 'permissions',
        integration: refOf(entry),
        permissions: entry.permissions,
        review: reviewLabel(entry.review, deps.settings.timeZone),
        confirm: { scopeLabel: label },
        actions: [
          {
            verb: VERBS.confirmApprove,
            label: `Add ${entry.name} for ${label}`,
            data: { requestId: request.id, scope: scopeToToken(scope.scope) },
            style: 'positive',
          },
        ],
      },
    ],
  };
}
