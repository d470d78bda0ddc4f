import type { IntegrationRequest, State } from '../domain/state.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import { adminTargets, publishCard } from './outbox.js';
import { buildRequestNotice, requestCardKey } from './views/request-views.js';

/** Posts or updates the admin card of a request in every admin channel and wherever it was posted. */
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
  });
  const targets = request.state === 'open' ? adminTargets(current) : [];
  const showing = (current.postedCards[cardKey] ?? []).map((p) => p.target);
  publishCard(state, { current, now, cardKey, view, targets: [...new Set([...targets, ...showing])] });
}
