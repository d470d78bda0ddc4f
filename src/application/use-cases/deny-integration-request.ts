import { MAX_REASON_LENGTH } from '../../domain/limits.js';
import { displayName } from '../../domain/people.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { decisionLine } from '../views/request-views.js';
import type { DecisionResult } from './approve-integration-request.js';
import { decideRequest, findDecidableRequest } from './decidable-request.js';
import { refreshAdminCard } from './request-integration.js';

/** Denies an open request with a reason the requesters are told; the first decision wins. */
export async function denyIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; reason: string },
): Promise<DecisionResult> {
  const reason = input.reason.trim();
  if (!reason)
    return {
      ok: false,
      views: [message('error', 'A reason is required to deny a request.')],
    };
  if (reason.length > MAX_REASON_LENGTH) {
    return {
      ok: false,
      views: [message('error', `Please keep the reason under ${MAX_REASON_LENGTH} characters.`)],
    };
  }
  const now = deps.clock.now();
  return transact<DecisionResult>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'deny requests');
    if (denied) return { result: { ok: false, views: [message('error', denied.message)] } };
    const found = findDecidableRequest(deps, state, input.requestId);
    if (!found.ok) return { result: found };
    const { request, entry } = found;
    const who = displayName(state, input.actor.id);
    decideRequest(state, {
      request,
      entry,
      outcome: 'denied',
      by: input.actor.id,
      now,
      scope: null,
      reason,
      text: `${who} denied your request for ${entry.name}.`,
    });
    refreshAdminCard(deps, state, request, now);
    return {
      result: {
        ok: true,
        views: [
          message(
            'success',
            `${decisionLine(state, request, deps.settings.timeZone)}. ${request.requesters.length} requester(s) told.`,
          ),
        ],
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'request-denied',
          integrationId: entry.id,
          details: `${request.id}: ${reason}`,
        }),
      ],
    };
  });
}
