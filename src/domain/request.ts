import type { IntegrationRequest, Scope, State } from './state.js';

/**
 * The rules of integration requests (docs/product.md#requests): at most one open request per integration, which
 * later requesters join; each person once per request; the first decision wins.
 */

/** The open request for an integration, from the index kept with the requests. */
export function openRequestFor(
  state: Readonly<State>,
  integrationId: string,
): IntegrationRequest | undefined {
  const id = state.openRequests[integrationId];
  return id === undefined ? undefined : state.requests[id];
}

/** True when the person already asked in this request (looked up in their own index, not the requesters). */
export function hasAsked(state: Readonly<State>, request: IntegrationRequest, personId: string): boolean {
  return (state.personRequests[personId] ?? []).includes(request.id);
}

/**
 * Adds a person to the open request of an integration, or opens one with `newId` when there
 * is none; the caller checked `hasAsked` first. Says whether they joined an existing request.
 */
export function addRequester(
  state: State,
  input: { integrationId: string; personId: string; reason: string | null; now: Date; newId: () => string },
): { request: IntegrationRequest; joined: boolean } {
  const at = input.now.toISOString();
  const requester = { personId: input.personId, reason: input.reason, at };
  let request = openRequestFor(state, input.integrationId);
  const joined = Boolean(request);
  if (request) {
    request.requesters.push(requester);
  } else {
    request = {
      id: input.newId(),
      integrationId: input.integrationId,
      state: 'open',
      requesters: [requester],
      createdAt: at,
      decision: null,
      expiredAt: null,
    };
    state.requests[request.id] = request;
    state.openRequests[input.integrationId] = request.id;
  }
  state.personRequests[input.personId] = [...(state.personRequests[input.personId] ?? []), request.id];
  return { request, joined };
}

/**
 * Records the decision on an open request and takes it out of the open index. The first
 * decision wins: a decided request is left as it is, and false says so.
 */
export function decideRequest(
  state: State,
  request: IntegrationRequest,
  input: {
    outcome: 'approved' | 'denied' | 'blocked';
    by: string;
    now: Date;
    scope: Scope | null;
    reason: string | null;
  },
): boolean {
  if (request.state !== 'open') return false;
  request.state = input.outcome;
  if (state.openRequests[request.integrationId] === request.id)
    delete state.openRequests[request.integrationId];
  request.decision = { by: input.by, at: input.now.toISOString(), scope: input.scope, reason: input.reason };
  return true;
}
