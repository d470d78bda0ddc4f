import { staleOfferKeys } from '../../domain/alternatives.js';
import { systemAdmins } from '../../domain/people.js';
import {
  DEFAULT_REQUEST_DELAYS,
  expireRequest,
  type RequestStep,
  requestStepDue,
  waitedDays,
  waitedMs,
} from '../../domain/request-timing.js';
import type { IntegrationRequest, State } from '../../domain/state.js';
import { refreshAdminCard } from '../admin-card.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { tellRequesters } from '../tell-requesters.js';
import { auditEntry, transact } from '../transact.js';
import { buildRequestNotice, requestCardKey } from '../views/request-views.js';
import { waitingLine } from '../views/requester-news-views.js';

/** What one pass changed and queued, one line each (for `tick` and the logs). */
export interface RequestPassReport {
  at: string;
  changes: string[];
  notices: string[];
}

/** The keys that make each notice of a request go out once, across restarts. */
const remindKey = (id: string) => `request-remind:${id}`;
const escalateKey = (id: string) => `request-escalate:${id}`;

interface Pass {
  deps: Deps;
  state: State;
  plain: Readonly<State>;
  now: Date;
  report: RequestPassReport;
  audit: AuditEntry[];
}

/** Re-raises the open request's card in `targets`, saying how long it has waited. */
function raise(pass: Pass, input: { request: IntegrationRequest; step: 'remind' | 'escalate' }): void {
  const { deps, state, plain, now, report } = pass;
  const { request, step } = input;
  const entry = integrationById(deps, plain, request.integrationId);
  const targets = step === 'remind' ? adminTargets(plain) : systemAdmins(plain);
  if (!entry || !targets.length) return;
  const view = buildRequestNotice({
    state: plain,
    request,
    entry,
    timeZone: deps.settings.timeZone,
    forAdmin: true,
    waiting: waitingLine(waitedMs(request, now)),
  });
  const cardKey = requestCardKey(request.id);
  for (const target of targets) queueNotice(state, { now, target, view, cardKey });
  report.notices.push(
    `${step === 'remind' ? 'reminder' : 'escalation'} (${entry.name}, ${request.id}) → ${targets.join(', ')}`,
  );
}

/** Expires the open request, tells its requesters and shows "Expired" on every copy of its card. */
function expire(pass: Pass, request: IntegrationRequest): void {
  const { deps, state, plain, now, report } = pass;
  const entry = integrationById(deps, plain, request.integrationId);
  const draft = state.requests[request.id];
  if (!entry || !draft || !expireRequest(state, draft, now)) return;
  const days = waitedDays(request, now);
  const told = tellRequesters(state, {
    request,
    entry,
    now,
    news: { change: 'expired', requestId: request.id, waitedDays: days },
  });
  refreshAdminCard(deps, state, draft, now);
  pass.audit.push(
    auditEntry({
      at: now,
      actor: 'scheduler',
      action: 'request-expired',
      integrationId: entry.id,
      details: `${request.id}: no decision in ${days} days (open → expired); ${told} requester(s) told`,
    }),
  );
  report.changes.push(`${entry.name}: request ${request.id} expired after ${days} days`);
  report.notices.push(`expired (${entry.name}, ${request.id}) → ${told} requester(s)`);
}

/**
 * One scheduler pass at `now` (docs/product.md#requests-that-wait): an open request past the
 * remind delay is raised again in the admin channels, past the escalate delay it goes to every
 * system admin directly, past the expire delay it expires. Each notice once (`sentKeys`); after
 * downtime only the newest step due is taken, not a backlog. Reasons kept for an offered
 * alternative's "Still ask" are dropped after OFFER_KEPT_DAYS.
 */
export async function runRequestPass(deps: Deps, input: { now: Date }): Promise<RequestPassReport> {
  const { now } = input;
  const delays = deps.settings.requestDelays ?? DEFAULT_REQUEST_DELAYS;
  return transact(deps, (state) => {
    const plain = deps.store.read();
    const pass: Pass = {
      deps,
      state,
      plain,
      now,
      report: { at: now.toISOString(), changes: [], notices: [] },
      audit: [],
    };
    const sent = (key: string) => plain.sentKeys[key] !== undefined;
    const mark = (key: string) => {
      state.sentKeys[key] = now.toISOString();
    };
    for (const id of Object.values(plain.openRequests)) {
      const request = plain.requests[id];
      const step: RequestStep | null = request ? requestStepDue({ request, now, delays }) : null;
      if (!request || !step) continue;
      if (step === 'expire') expire(pass, request);
      else if (step === 'escalate' && !sent(escalateKey(id))) {
        raise(pass, { request, step });
        mark(escalateKey(id));
        mark(remindKey(id));
      } else if (step === 'remind' && !sent(remindKey(id))) {
        raise(pass, { request, step });
        mark(remindKey(id));
      }
    }
    // Reasons kept for an alternative's "Still ask" that nobody answered for a month go.
    for (const key of staleOfferKeys(plain, now)) delete state.offeredReasons[key];
    return { result: pass.report, audit: pass.audit };
  });
}
