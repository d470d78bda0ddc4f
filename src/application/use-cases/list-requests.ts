import { displayName, isSystemAdmin } from '../../domain/people.js';
import type { IntegrationRequest } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { formatDate, refOf } from '../views/format.js';
import { decisionLine, requestActions } from '../views/request-views.js';
import type { RequestListView } from '../views/view.js';

const MAX_LISTED = 50;

function listOf(
  deps: Deps,
  input: { requests: IntegrationRequest[]; title: string; empty: string; withActions: boolean },
): RequestListView {
  const state = deps.store.read();
  const tz = deps.settings.timeZone;
  const items = input.requests.slice(0, MAX_LISTED).flatMap((r) => {
    const entry = integrationById(deps, state, r.integrationId);
    if (!entry) return [];
    const reasons = r.requesters
      .filter((q) => q.reason)
      .map((q) => `${displayName(state, q.personId)}: ${q.reason}`);
    const detail =
      r.state === 'open'
        ? `Asked on ${formatDate(r.createdAt, tz)}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`
        : (decisionLine(state, r, tz) ?? '');
    return [
      {
        requestId: r.id,
        integration: refOf(entry),
        state: r.state,
        requesters: r.requesters.length,
        detail,
        actions: input.withActions && r.state === 'open' ? requestActions(state, r) : [],
      },
    ];
  });
  const more = input.requests.length - items.length;
  return {
    kind: 'requestList',
    title: more > 0 ? `${input.title} (first ${MAX_LISTED} of ${input.requests.length})` : input.title,
    empty: input.empty,
    items,
  };
}

/** The person's own requests, newest first, with their state (closed loop for requesters). */
export function listMyRequests(deps: Deps, input: { actor: Actor }): RequestListView {
  const state = deps.store.read();
  const mine = (state.personRequests[input.actor.id] ?? [])
    .flatMap((id) => state.requests[id] ?? [])
    .reverse();
  return listOf(deps, {
    requests: mine,
    title: 'Your requests',
    empty: 'You have not requested any integration. Say "integrations" to browse.',
    withActions: false,
  });
}

/** Pending requests, oldest first, with actions for admins; members see their own instead. */
export function listRequests(deps: Deps, input: { actor: Actor }): RequestListView {
  const state = deps.store.read();
  if (!isSystemAdmin(state, input.actor.id)) return listMyRequests(deps, input);
  const open = Object.values(state.openRequests).flatMap((id) => state.requests[id] ?? []);
  return listOf(deps, {
    requests: open,
    title: 'Pending requests',
    empty: 'No request is waiting.',
    withActions: true,
  });
}
