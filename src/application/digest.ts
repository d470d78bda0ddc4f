import type { CatalogEntry } from '../domain/catalog.js';
import { DIGEST_HORIZON_DAYS, demandSections, endsWithin, timeBoxesEnding } from '../domain/digest.js';
import { DEFAULT_DIGEST, type DigestSchedule, parseDigestSchedule } from '../domain/schedule.js';
import type { IntegrationRequest, State } from '../domain/state.js';
import { affectedIntegrations } from './affected-deadlines.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import type { DigestDone, DigestRequestFacts } from './outcomes.js';

/** The account's digest schedule: the configured one, or the default. */
export function digestSchedule(deps: Pick<Deps, 'settings'>): DigestSchedule {
  return deps.settings.digest ?? (parseDigestSchedule(DEFAULT_DIGEST) as DigestSchedule);
}

function withEntries(
  deps: Pick<Deps, 'catalog'>,
  state: Readonly<State>,
  requests: readonly IntegrationRequest[],
): DigestRequestFacts[] {
  return requests.flatMap((request) => {
    const entry = integrationById(deps, state, request.integrationId);
    return entry ? [{ request, entry }] : [];
  });
}

/**
 * What a digest says at `now`: the most requested and the oldest open requests, and the review
 * dates and time-boxed approvals ending within the horizon. Reads only.
 */
export function digestFacts(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  now: Date,
): DigestDone {
  const horizon = { now, days: DIGEST_HORIZON_DAYS };
  const open = Object.values(state.openRequests).flatMap((id) => {
    const request = state.requests[id];
    return request ? [request] : [];
  });
  const { mostRequested, oldest } = demandSections(open);
  const deadlines = affectedIntegrations(deps, state, now).filter((a) => {
    const { phase, disableAt, deadline } = a.status;
    if (phase === 'upcoming') return endsWithin(disableAt, horizon) || endsWithin(deadline, horizon);
    return (phase === 'kept' || phase === 'auto-disabled') && endsWithin(deadline, horizon);
  });
  const timeBoxes = timeBoxesEnding(Object.values(state.installs), horizon).flatMap((install) => {
    const entry: CatalogEntry | undefined = integrationById(deps, state, install.integrationId);
    return entry ? [{ install, entry }] : [];
  });
  const requests = withEntries(deps, state, mostRequested);
  return {
    mostRequested: requests,
    oldest: withEntries(deps, state, oldest),
    deadlines,
    timeBoxes,
    horizonDays: DIGEST_HORIZON_DAYS,
    empty: !requests.length && !oldest.length && !deadlines.length && !timeBoxes.length,
  };
}
