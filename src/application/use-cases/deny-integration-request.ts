import { parseReason } from '../../domain/reason.js';
import { refreshAdminCard } from '../admin-card.js';
import { findDecidableRequest, recordDecision } from '../decisions.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DecisionDone, Outcome } from '../outcomes.js';
import { refusedReason } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type DenyOutcome = Outcome<
  DecisionDone,
  'reason-required' | 'reason-too-long' | 'not-admin' | 'request-gone' | 'already-decided' | 'request-expired'
>;

/** Denies an open request with a reason the requesters are told; the first decision wins. */
export async function denyIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; reason: string },
): Promise<DenyOutcome> {
  const checked = parseReason(input.reason);
  if (!checked.ok || !checked.reason) return refusedReason(checked.ok ? 'reason-required' : checked.problem);
  const reason = checked.reason;
  const now = deps.clock.now();
  return transact<DenyOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'deny-requests');
    if (denied) return { result: denied };
    const found = findDecidableRequest(deps, state, input.requestId);
    if (!found.ok) return { result: found };
    const { request, entry } = found;
    const decision = recordDecision(state, {
      request,
      entry,
      outcome: 'denied',
      by: input.actor.id,
      now,
      scope: null,
      reason,
    });
    refreshAdminCard(deps, state, request, now);
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
          action: 'request-denied',
          integrationId: entry.id,
          details: `${request.id}: ${reason}`,
        }),
      ],
    };
  });
}
