import { own } from '../domain/records.js';
import type { State } from '../domain/state.js';
import type { Refused } from './outcomes.js';
import { refused } from './outcomes.js';

/**
 * What "Request again" re-files: the integration of an expired request and the clicker's own
 * reason. Only its requesters may use it; to anyone else the request is as unknown as a wrong id.
 */
export function expiredRequestToRenew(
  state: Readonly<State>,
  input: { actorId: string; requestId: string },
): { ok: true; integrationId: string; reason: string | null } | Refused<'request-gone'> {
  const request = own(state.requests, input.requestId);
  const mine = request?.requesters.find((r) => r.personId === input.actorId);
  if (!request || !mine || request.state !== 'expired') return refused('request-gone');
  return { ok: true, integrationId: request.integrationId, reason: mine.reason };
}
