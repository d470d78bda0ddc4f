import type { IntegrationRequest, State } from '../domain/state.js';
import { connectFactsOf } from './connect-link.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import { adminTargets, publishCard } from './outbox.js';
import { buildRequestNotice, requestCardKey } from './views/request-views.js';

/** Posts or updates the admin card of a request in every admin channel and wherever it was posted or queued. */
export function refreshAdminCard(deps: Deps, state: State, request: IntegrationRequest, now: Date): void {
  const current = deps.store.read();
  const entry = integrationById(deps, current, request.integrationId);
  if (!entry) return;
  const cardKey = requestCardKey(request.id);
  const view = buildRequestNotice({
    state: current,
    request: current.requests[request.id] ?? request,
    entry,
    timeZone: deps.settings.timeZone,
    forAdmin: true,
    connect: connectFactsOf(deps, current, entry),
  });
  const targets = request.state === 'open' ? adminTargets(current) : [];
  // Copies posted, and copies still queued: a request decided before its card went out must not
  // then be posted with the buttons of an open one.
  const showing = [
    ...(current.postedCards[cardKey] ?? []).map((p) => p.target),
    ...current.outbox.filter((n) => n.cardKey === cardKey && n.state === 'queued').map((n) => n.target),
  ];
  publishCard(state, { current, now, cardKey, view, targets: [...new Set([...targets, ...showing])] });
}

/**
 * Updates the admin card of an integration's latest approved request wherever it was posted (after it
 * was connected or disconnected), so the card says where its connection stands.
 */
export function refreshIntegrationCard(deps: Deps, state: State, integrationId: string, now: Date): void {
  let latest: IntegrationRequest | undefined;
  for (const request of Object.values(deps.store.read().requests)) {
    if (request.integrationId !== integrationId || request.state !== 'approved') continue;
    if (!latest || (request.decision?.at ?? '') > (latest.decision?.at ?? '')) latest = request;
  }
  if (latest) refreshAdminCard(deps, state, latest, now);
}
