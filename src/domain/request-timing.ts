import type { IntegrationRequest, State } from './state.js';

/**
 * When an open request is raised again, escalated and expired (docs/product.md#requests-that-wait):
 * each delay counts from when the request was filed.
 */
export interface RequestDelays {
  remindAfterMs: number;
  escalateAfterMs: number;
  expireAfterMs: number;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The defaults: a reminder after 2 days, escalation after 5, expiry after 30. */
export const DEFAULT_REQUEST_DELAYS: RequestDelays = {
  remindAfterMs: 2 * UNIT_MS.d,
  escalateAfterMs: 5 * UNIT_MS.d,
  expireAfterMs: 30 * UNIT_MS.d,
};

/** Milliseconds of a duration such as `30m`, `12h` or `2d` (whole, positive, at most ten years), or null. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})\s*([mhd])$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= 3650 * UNIT_MS.d ? ms : null;
}

/** What an open request is owed at `now`: the newest step reached, since an older one after downtime is stale. */
export type RequestStep = 'remind' | 'escalate' | 'expire';

/** The step due for a request at `now`, or null while it is young or no longer open. */
export function requestStepDue(input: {
  request: Pick<IntegrationRequest, 'state' | 'createdAt'>;
  now: Date;
  delays: RequestDelays;
}): RequestStep | null {
  const { request, now, delays } = input;
  if (request.state !== 'open') return null;
  const waited = waitedMs(request, now);
  if (waited >= delays.expireAfterMs) return 'expire';
  if (waited >= delays.escalateAfterMs) return 'escalate';
  if (waited >= delays.remindAfterMs) return 'remind';
  return null;
}

/** How long a request has waited at `now` (never negative). */
export function waitedMs(request: Pick<IntegrationRequest, 'createdAt'>, now: Date): number {
  return Math.max(0, now.getTime() - Date.parse(request.createdAt));
}

/** Whole days waited, counting a started day only once it is complete ("Waiting 3 days"). */
export function waitedDays(request: Pick<IntegrationRequest, 'createdAt'>, now: Date): number {
  return Math.floor(waitedMs(request, now) / UNIT_MS.d);
}

/**
 * Marks an open request expired (no decision in time) and takes it out of the open index, so a
 * new request for the integration opens afresh. False, and nothing changes, when it is not open.
 */
export function expireRequest(state: State, request: IntegrationRequest, now: Date): boolean {
  if (request.state !== 'open') return false;
  request.state = 'expired';
  request.expiredAt = now.toISOString();
  if (state.openRequests[request.integrationId] === request.id)
    delete state.openRequests[request.integrationId];
  return true;
}

/** The integration's latest request, whatever its state; undefined when it was never requested. */
export function latestRequestOf(
  state: Readonly<State>,
  integrationId: string,
): IntegrationRequest | undefined {
  let latest: IntegrationRequest | undefined;
  for (const r of Object.values(state.requests)) {
    if (r.integrationId === integrationId && (!latest || r.createdAt >= latest.createdAt)) latest = r;
  }
  return latest;
}
