import { systemAdmins } from '../domain/people.js';
import { localDay, reviewStatus } from '../domain/review.js';
import type { Countdown, State } from '../domain/state.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import { type Affected, attentionCard, reminderCard } from './views/deadline-views.js';
import type { DeadlineNoticeView } from './views/view.js';

/** Teams refreshes a card by itself for at most this many listed people (docs/teams.md#live-countdowns). */
export const MAX_REFRESH_PEOPLE = 60;

/** How long a countdown is kept once every deadline on it has passed: Teams may still ask for it. */
const KEEP_AFTER_MS = 30 * 86_400_000;

const CARDS = { attention: attentionCard, reminder: reminderCard } as const;

export const countdownKeyOf = (input: { now: Date; variant: Countdown['variant'] }) =>
  `deadline:${input.now.toISOString()}:${input.variant}`;

/** The system admins Teams should refresh a countdown for: the first 60 of them on Teams. */
function refreshFor(state: Readonly<State>): string[] {
  return systemAdmins(state)
    .filter((id) => id.startsWith('teams:'))
    .sort()
    .slice(0, MAX_REFRESH_PEOPLE);
}

/** Where each integration on a countdown stands at `now`; gone ones are left out. */
function affectedAt(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  input: { countdown: Countdown; now: Date },
): Affected[] {
  const { timeZone, reminderDays } = deps.settings;
  return input.countdown.integrationIds.flatMap((id) => {
    const entry = integrationById(deps, state, id);
    if (!entry) return [];
    const install = state.installs[id];
    return [
      {
        entry,
        status: reviewStatus({ review: entry.review, install, now: input.now, timeZone, reminderDays }),
      },
    ];
  });
}

/**
 * A deadline card that counts down, as of `now`: the same card, its days left recomputed. Null
 * for an unknown key.
 */
export function countdownView(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  input: { key: string; now: Date },
): DeadlineNoticeView | null {
  const countdown = state.countdowns[input.key];
  if (!countdown) return null;
  const view = CARDS[countdown.variant](
    affectedAt(deps, state, { countdown, now: input.now }),
    deps.settings.timeZone,
  );
  return { ...view, countdown: { key: input.key, refreshFor: refreshFor(state) } };
}

/**
 * Records a deadline card about to be queued as a countdown, inside the same update; answers the view
 * to queue (carrying its key) and the card key its copies are posted under.
 */
export function startCountdown(
  state: State,
  input: { view: DeadlineNoticeView; integrationIds: string[]; now: Date; timeZone: string },
): { view: DeadlineNoticeView; cardKey: string | null } {
  const { view, now } = input;
  if (view.variant !== 'attention' && view.variant !== 'reminder') return { view, cardKey: null };
  const key = countdownKeyOf({ now, variant: view.variant });
  state.countdowns[key] = {
    variant: view.variant,
    integrationIds: input.integrationIds,
    createdAt: now.toISOString(),
    refreshedOn: localDay(now, input.timeZone),
  };
  return { view: { ...view, countdown: { key, refreshFor: refreshFor(state) } }, cardKey: key };
}

/** The last day a countdown still changes: its latest deadline's day; null when none is left ahead. */
export function lastCountdownDay(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  input: { countdown: Countdown; now: Date },
): string | null {
  const deadlines = affectedAt(deps, state, input)
    .map((a) => a.status.deadline)
    .filter((d): d is string => d !== null)
    .sort();
  const last = deadlines.at(-1);
  return last ? localDay(last, deps.settings.timeZone) : null;
}

/** True once a countdown's deadlines all passed more than a month ago (or it has none): it may go. */
export function isSpentCountdown(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  input: { countdown: Countdown; now: Date },
): boolean {
  const deadlines = affectedAt(deps, state, input).flatMap((a) =>
    a.status.deadline ? [Date.parse(a.status.deadline)] : [],
  );
  const last = deadlines.length ? Math.max(...deadlines) : Date.parse(input.countdown.createdAt);
  return input.now.getTime() - last > KEEP_AFTER_MS;
}
