import type { CatalogEntry } from '../domain/catalog.js';
import { displayName } from '../domain/people.js';
import { own } from '../domain/records.js';
import { decideRequest } from '../domain/request.js';
import { latestRequestOf } from '../domain/request-timing.js';
import type { IntegrationRequest, Scope, State } from '../domain/state.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import type { DecisionFacts, Refused, ScopeFacts } from './outcomes.js';
import { refused } from './outcomes.js';
import { tellRequesters } from './tell-requesters.js';
import { refOf } from './views/format.js';

/** A stored scope with group names for its ids. */
export function scopeFactsOf(state: Readonly<State>, scope: Scope): ScopeFacts {
  if (scope.kind === 'all') return { kind: 'all' };
  return { kind: 'groups', groups: scope.groups.map((g) => state.groups[g]?.name ?? g) };
}

/** The decision on a decided request, as people are told of it. */
export function decisionFactsOf(state: Readonly<State>, request: IntegrationRequest): DecisionFacts | null {
  const d = request.decision;
  if (!d || request.state === 'open' || request.state === 'expired') return null;
  return {
    state: request.state,
    by: displayName(state, d.by),
    at: d.at,
    scope: d.scope && scopeFactsOf(state, d.scope),
    reason: d.reason,
  };
}

/**
 * The refusal of a decision by name when nothing waits for the integration, with what became of its
 * latest request: expired (its requesters may ask again) or decided (by whom, when). Nothing about
 * it when it was never asked for.
 */
export function noOpenRequest(
  state: Readonly<State>,
  input: { entry: CatalogEntry; wanted: 'approve' | 'deny' },
): Refused<'no-open-request'> {
  const latest = latestRequestOf(state, input.entry.id);
  return refused('no-open-request', {
    integration: refOf(input.entry),
    wanted: input.wanted,
    expiredAt: latest?.state === 'expired' ? latest.expiredAt : null,
    decided: latest ? decisionFactsOf(state, latest) : null,
  });
}

/**
 * Why a request can no longer be decided, or null while it is open: the first decision wins, and
 * an expired request is closed for good (its requesters may ask again).
 */
export function alreadyDecided(
  state: Readonly<State>,
  request: IntegrationRequest,
  entry: CatalogEntry | undefined,
): Refused<'already-decided' | 'request-expired'> | null {
  if (request.state === 'open') return null;
  if (request.state === 'expired') {
    return refused('request-expired', {
      integration: entry
        ? refOf(entry)
        : { id: request.integrationId, name: request.integrationId, vendor: '' },
      expiredAt: request.expiredAt ?? request.createdAt,
    });
  }
  const decision = decisionFactsOf(state, request) ?? {
    state: request.state,
    by: 'an admin',
    at: request.createdAt,
    scope: null,
    reason: null,
  };
  return refused('already-decided', { decision });
}

/** The open request and its integration, or why it cannot be decided (gone, or decided already and by whom). */
export function findDecidableRequest(
  deps: Deps,
  state: Readonly<State>,
  requestId: string,
):
  | { ok: true; request: IntegrationRequest; entry: CatalogEntry }
  | Refused<'request-gone' | 'already-decided' | 'request-expired'> {
  const request = own(state.requests, requestId);
  const entry = request && integrationById(deps, state, request.integrationId);
  if (!request || !entry) return refused('request-gone');
  return alreadyDecided(state, request, entry) ?? { ok: true, request, entry };
}

/**
 * Records the decision on an open request, takes it out of the open index and tells each
 * requester in a direct message of the decision and its reason (`tellRequesters`).
 */
export function recordDecision(
  state: State,
  input: {
    request: IntegrationRequest;
    entry: CatalogEntry;
    outcome: 'approved' | 'denied';
    by: string;
    now: Date;
    scope: Scope | null;
    reason: string | null;
    /** A time-boxed approval's last day on (YYYY-MM-DD). */
    lastDay?: string | null;
  },
): DecisionFacts {
  const { request, entry, now } = input;
  // findDecidableRequest checked it is open, in this same change: a decided one here is a bug.
  if (!decideRequest(state, request, input)) throw new Error(`request ${request.id} is already decided`);
  const decision: DecisionFacts = {
    state: input.outcome,
    by: displayName(state, input.by),
    at: now.toISOString(),
    scope: input.scope && scopeFactsOf(state, input.scope),
    reason: input.reason,
    lastDay: input.lastDay ?? null,
  };
  const news =
    input.outcome === 'approved'
      ? {
          change: 'approved' as const,
          by: decision.by,
          scope: decision.scope,
          reason: input.reason,
          lastDay: decision.lastDay ?? null,
        }
      : { change: 'denied' as const, by: decision.by, reason: input.reason };
  tellRequesters(state, { request, entry, now, news });
  return decision;
}
