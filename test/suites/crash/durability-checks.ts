import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { IntegrationRequest } from '../../../src/domain/state.js';
import type { Loaded } from '../support/data-dir.js';
import type { Delivery } from '../support/fake-platforms.js';
import { personOfDm, toolOf } from '../support/notice-keys.js';

/** A request the bot answered "sent to the admins" (or "you joined") for. */
export interface AckedRequest {
  integrationId: string;
  person: string;
  token: string;
  cycle: number;
}

/** A decision the bot confirmed ("Approved by …", "Denied by …"). */
export interface AckedDecision {
  integrationId: string;
  outcome: 'approved' | 'denied';
  cycle: number;
}

export interface Problem {
  check: string;
  detail: string;
}

const FILED = new Set(['request-filed', 'request-joined']);
/** The audit action that records each way a request closes (an expiry is the scheduler's, a block an admin's). */
const DECIDED = {
  approved: 'request-approved',
  denied: 'request-denied',
  expired: 'request-expired',
  blocked: 'request-blocked',
} as const;

function requestsFor(loaded: Loaded, integrationId: string): IntegrationRequest[] {
  return Object.values(loaded.state.requests).filter((r) => r.integrationId === integrationId);
}

const filedEntry = (audit: readonly AuditEntry[], r: IntegrationRequest, person: string) =>
  audit.some(
    (e) =>
      FILED.has(e.action) &&
      e.actor === person &&
      e.integrationId === r.integrationId &&
      e.details.startsWith(r.id),
  );

const decidedEntry = (audit: readonly AuditEntry[], r: IntegrationRequest) =>
  r.state !== 'open' &&
  audit.some(
    (e) =>
      e.action === DECIDED[r.state as keyof typeof DECIDED] &&
      e.integrationId === r.integrationId &&
      e.details.startsWith(r.id),
  );

/** Every acknowledged request and decision is in the state, with its audit entry. */
export function acknowledgedProblems(
  loaded: Loaded,
  acked: { requests: readonly AckedRequest[]; decisions: readonly AckedDecision[] },
): Problem[] {
  const out: Problem[] = [];
  for (const a of acked.requests) {
    const request = requestsFor(loaded, a.integrationId).find((r) =>
      r.requesters.some((q) => q.personId === a.person && q.reason === a.token),
    );
    if (!request)
      out.push({
        check: 'acknowledged request kept',
        detail: `${a.integrationId} by ${a.person} (cycle ${a.cycle})`,
      });
    else if (!filedEntry(loaded.audit, request, a.person))
      out.push({ check: 'acknowledged change audited', detail: `${request.id} filed by ${a.person}` });
  }
  for (const a of acked.decisions) {
    const request = requestsFor(loaded, a.integrationId).find((r) => r.state === a.outcome);
    if (!request)
      out.push({
        check: 'acknowledged decision kept',
        detail: `${a.integrationId} ${a.outcome} (cycle ${a.cycle})`,
      });
    else if (!decidedEntry(loaded.audit, request))
      out.push({ check: 'acknowledged change audited', detail: `${request.id} ${a.outcome}` });
  }
  return out;
}

/** A change and its audit entry are durable together, acknowledged or not (docs/product.md#safety-and-data). */
export function auditTogetherProblems(loaded: Loaded): Problem[] {
  const out: Problem[] = [];
  for (const r of Object.values(loaded.state.requests)) {
    for (const q of r.requesters)
      if (!filedEntry(loaded.audit, r, q.personId))
        out.push({
          check: 'change and audit durable together',
          detail: `${r.id} (${r.integrationId}) requested by ${q.personId}, no audit entry`,
        });
    if (r.state !== 'open' && !decidedEntry(loaded.audit, r))
      out.push({
        check: 'change and audit durable together',
        detail: `${r.id} (${r.integrationId}) ${r.state}, no audit entry`,
      });
  }
  return out;
}

/** Every notice the platforms received reports a change the state still holds (nothing told, then lost). */
export function reportedChangeProblems(
  loaded: Loaded,
  input: { deliveries: readonly Delivery[]; idOfName: (name: string) => string },
): Problem[] {
  const out: Problem[] = [];
  const requests = Object.values(loaded.state.requests);
  for (const d of input.deliveries) {
    const tool = d.key.startsWith('card|') ? toolOf(d.key) : null;
    if (tool && !requests.some((r) => r.integrationId === input.idOfName(tool)))
      out.push({
        check: 'notice reports a kept change',
        detail: `card for ${tool} in ${d.target}, no request`,
      });
    const person = d.key.startsWith('dm|') ? personOfDm(d.target) : null;
    if (
      person &&
      !requests.some((r) => r.state !== 'open' && r.requesters.some((q) => q.personId === person))
    )
      out.push({
        check: 'notice reports a kept change',
        detail: `decision DM to ${person}, no decided request`,
      });
  }
  return out;
}
