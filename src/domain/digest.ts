import type { Install, IntegrationRequest } from './state.js';

/** How far ahead the digest looks for review deadlines and time-boxed approvals ending. */
export const DIGEST_HORIZON_DAYS = 14;
/**
 * Lines each digest section shows at most: nine lines with their buttons keep the card under
 * 1,500 px in a Teams channel at 450 px; the rest are counted.
 */
export const DIGEST_SECTION_SIZES = { mostRequested: 3, oldest: 2, deadlines: 2, timeBoxes: 2 } as const;

const DAY_MS = 86_400_000;

/**
 * Open requests, most requesters first; among equals the one waiting longest first, then by id so the
 * order never depends on the store's.
 */
export function rankByDemand(requests: readonly IntegrationRequest[]): IntegrationRequest[] {
  return requests
    .filter((r) => r.state === 'open')
    .sort(
      (a, b) =>
        b.requesters.length - a.requesters.length ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
}

/** Open requests, the one waiting longest first. */
export function oldestPending(requests: readonly IntegrationRequest[]): IntegrationRequest[] {
  return requests
    .filter((r) => r.state === 'open')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The two request sections of a digest: the most requested, then the oldest pending among the
 * others (a request is named once), each at most its size long.
 */
export function demandSections(
  requests: readonly IntegrationRequest[],
  sizes: { mostRequested: number; oldest: number } = DIGEST_SECTION_SIZES,
): { mostRequested: IntegrationRequest[]; oldest: IntegrationRequest[] } {
  const mostRequested = rankByDemand(requests).slice(0, sizes.mostRequested);
  const named = new Set(mostRequested.map((r) => r.id));
  const oldest = oldestPending(requests)
    .filter((r) => !named.has(r.id))
    .slice(0, sizes.oldest);
  return { mostRequested, oldest };
}

/** True when `at` is after `now` and no more than `days` days ahead. */
export function endsWithin(at: string | null, input: { now: Date; days: number }): boolean {
  if (at === null) return false;
  const t = Date.parse(at);
  const now = input.now.getTime();
  return t > now && t <= now + input.days * DAY_MS;
}

/** Enabled installs whose time-boxed approval ends within `days`, soonest first. */
export function timeBoxesEnding(installs: readonly Install[], input: { now: Date; days: number }): Install[] {
  return installs
    .filter((i) => i.status === 'enabled' && endsWithin(i.endsAt, input))
    .sort(
      (a, b) =>
        (a.endsAt ?? '').localeCompare(b.endsAt ?? '') || a.integrationId.localeCompare(b.integrationId),
    );
}
