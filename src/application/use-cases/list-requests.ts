import { isSystemAdmin } from '../../domain/people.js';
import type { IntegrationRequest } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import type { RequestListDone } from '../outcomes.js';

type RequestList = { ok: true } & RequestListDone;

function listOf(deps: Deps, list: RequestListDone['list'], requests: IntegrationRequest[]): RequestList {
  const state = deps.store.read();
  const listed = requests.flatMap((request) => {
    const entry = integrationById(deps, state, request.integrationId);
    return entry ? [{ request, entry }] : [];
  });
  return { ok: true, list, requests: listed, total: requests.length };
}

/** The person's own requests, newest first, with their state (closed loop for requesters). */
export function listMyRequests(deps: Deps, input: { actor: Actor }): RequestList {
  const state = deps.store.read();
  const mine = (state.personRequests[input.actor.id] ?? [])
    .flatMap((id) => state.requests[id] ?? [])
    .reverse();
  return listOf(deps, 'mine', mine);
}

/** Pending requests, oldest first, for admins; members get their own instead. */
export function listRequests(deps: Deps, input: { actor: Actor }): RequestList {
  const state = deps.store.read();
  if (!isSystemAdmin(state, input.actor.id)) return listMyRequests(deps, input);
  const open = Object.values(state.openRequests).flatMap((id) => state.requests[id] ?? []);
  return listOf(deps, 'pending', open);
}
