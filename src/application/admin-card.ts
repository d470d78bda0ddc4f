import type { IntegrationRequest, State } from '../domain/state.js';
import { connectFactsOf } from './connect-link.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import { adminTargets, publishCard } from './outbox.js';
import { buildRequestNotice, requestCardKey } from './views/request-views.js';

/** Posts or updates the admin card of a request in every admin channel and wherever it shows. */
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
  // An open request's card goes to every admin channel; a closed one's only updates its copies.
  const targets = request.state === 'open' ? adminTargets(current) : [];
  publishCard(state, { current, now, cardKey, view, targets });
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
