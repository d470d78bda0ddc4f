import { systemAdmins } from '../domain/people.js';
import { own } from '../domain/records.js';
import { localDay, reviewStatus } from '../domain/review.js';
import type { Countdown, DeadlineCountdown, State, TimeBoxCountdown } from '../domain/state.js';
import { lastDayOf } from '../domain/time-box.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import { type Affected, attentionCard, reminderCard } from './views/deadline-views.js';
import { buildTimeBoxNotice, timeBoxCardKey } from './views/time-box-views.js';
import type { DeadlineNoticeView, TimeBoxNoticeView } from './views/view.js';

/** Teams refreshes a card by itself for at most this many listed people (docs/teams.md#live-countdowns). */
export const MAX_REFRESH_PEOPLE = 60;

/** How long a countdown is kept once every deadline on it has passed: Teams may still ask for it. */
const KEEP_AFTER_MS = 30 * 86_400_000;

const CARDS = { attention: attentionCard, reminder: reminderCard } as const;

type CountdownDeps = Pick<Deps, 'catalog' | 'settings'>;

export const countdownKeyOf = (input: { now: Date; variant: DeadlineCountdown['variant'] }) =>
  `deadline:${input.now.toISOString()}:${input.variant}`;

/** The system admins Teams should refresh a countdown for: the first 60 of them on Teams. */
function refreshFor(state: Readonly<State>): string[] {
  return systemAdmins(state)
    .filter((id) => id.startsWith('teams:'))
    .sort()
    .slice(0, MAX_REFRESH_PEOPLE);
}

/** Where each integration on a deadline countdown stands at `now`; gone ones are left out. */
function affectedAt(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { countdown: DeadlineCountdown; now: Date },
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

/** The card of the time box of an integration that ends (or ended) at `endsAt`, as it stands in `state`. */
export function timeBoxCardAt(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { integrationId: string; endsAt: string; now: Date },
): TimeBoxNoticeView | null {
  const entry = integrationById(deps, state, input.integrationId);
  const install = own(state.installs, input.integrationId);
  if (!entry || !install) return null;
  return buildTimeBoxNotice({
    state,
    install,
    entry,
    endsAt: input.endsAt,
    now: input.now,
    timeZone: deps.settings.timeZone,
  });
}

/** True while a time-box card still counts down: before the end, not moved (Extend) nor ended. */
const stillCounting = (view: TimeBoxNoticeView) => view.state === 'ending' || view.state === 'letting-end';

/**
 * A card that counts down, as of `now`: a deadline card with its days left recomputed, or a time
 * box's card as it stands (days left, or moved, or ended: then it no longer asks to be refreshed).
 * Null for an unknown key.
 */
export function countdownView(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { key: string; now: Date },
): DeadlineNoticeView | TimeBoxNoticeView | null {
  const countdown = own(state.countdowns, input.key);
  if (!countdown) return null;
  const ref = { key: input.key, refreshFor: refreshFor(state) };
  if (countdown.kind === 'time-box') {
    const view = timeBoxCardAt(deps, state, { ...countdown, now: input.now });
    return view && stillCounting(view) ? { ...view, countdown: ref } : view;
  }
  const view = CARDS[countdown.variant](
    affectedAt(deps, state, { countdown, now: input.now }),
    deps.settings.timeZone,
  );
  return { ...view, countdown: ref };
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
    kind: 'deadline',
    variant: view.variant,
    integrationIds: input.integrationIds,
    createdAt: now.toISOString(),
    refreshedOn: localDay(now, input.timeZone),
  };
  return { view: { ...view, countdown: { key, refreshFor: refreshFor(state) } }, cardKey: key };
}

/**
 * Marks the deadline countdowns a card about to be queued supersedes, inside the same update: those
 * listing no integration it does not list. Their Slack copies are no longer brought up to date: the
 * newer card below them says the same, and one `chat.update` per older card per channel would hold
 * each Slack channel's next card back by a second under its posting limit.
 */
export function supersedeCountdowns(state: State, input: { integrationIds: string[]; now: Date }): void {
  const listed = new Set(input.integrationIds);
  for (const countdown of Object.values(state.countdowns))
    if (
      countdown.kind === 'deadline' &&
      !countdown.supersededAt &&
      countdown.integrationIds.every((id) => listed.has(id))
    )
      countdown.supersededAt = input.now.toISOString();
}

/**
 * Records a time box's card about to be posted as a countdown (under its card key), inside the same
 * update, when it counts down (the heads-up); a card that no longer changes (ended) is not recorded.
 */
export function startTimeBoxCountdown(
  state: State,
  input: { view: TimeBoxNoticeView; integrationId: string; endsAt: string; now: Date; timeZone: string },
): void {
  const key = timeBoxCardKey(input.integrationId, input.endsAt);
  if (!stillCounting(input.view) || own(state.countdowns, key)) return;
  state.countdowns[key] = {
    kind: 'time-box',
    integrationId: input.integrationId,
    endsAt: input.endsAt,
    createdAt: input.now.toISOString(),
    refreshedOn: localDay(input.now, input.timeZone),
  };
}

/** True while the time box a countdown is about still counts down at `now`. */
function countingTimeBox(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { countdown: TimeBoxCountdown; now: Date },
): boolean {
  const view = timeBoxCardAt(deps, state, { ...input.countdown, now: input.now });
  return view !== null && stillCounting(view);
}

/**
 * The last day a countdown still changes, null when none is left ahead: a deadline card's latest
 * deadline's day; a time box's last day on while it still counts down (its end then updates the
 * card, as Extend does).
 */
export function lastCountdownDay(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { countdown: Countdown; now: Date },
): string | null {
  const { countdown, now } = input;
  if (countdown.kind === 'time-box')
    return countingTimeBox(deps, state, { countdown, now })
      ? lastDayOf(countdown.endsAt, deps.settings.timeZone)
      : null;
  const deadlines = affectedAt(deps, state, { countdown, now })
    .map((a) => a.status.deadline)
    .filter((d): d is string => d !== null)
    .sort();
  const last = deadlines.at(-1);
  return last ? localDay(last, deps.settings.timeZone) : null;
}

/** True once a countdown's deadlines (or its time box's end) all passed more than a month ago (or it has none): it may go. */
export function isSpentCountdown(
  deps: CountdownDeps,
  state: Readonly<State>,
  input: { countdown: Countdown; now: Date },
): boolean {
  const { countdown, now } = input;
  const deadlines =
    countdown.kind === 'time-box'
      ? [Date.parse(countdown.endsAt)]
      : affectedAt(deps, state, { countdown, now }).flatMap((a) =>
          a.status.deadline ? [Date.parse(a.status.deadline)] : [],
        );
  const last = deadlines.length ? Math.max(...deadlines) : Date.parse(countdown.createdAt);
  return now.getTime() - last > KEEP_AFTER_MS;
}
