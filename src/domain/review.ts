import type { Review } from './catalog.js';
import { disableInstall } from './install.js';
import type { Install } from './state.js';

/** Where an installed integration stands against its review dates (docs/product.md#review-deadlines). */
export type ReviewPhase =
  /** Review passed, no dates, or nothing installed: nothing to do. */
  | 'clear'
  /** On, before its auto-disable date. */
  | 'upcoming'
  /** On past the auto-disable date because an admin kept it. */
  | 'kept'
  /** Off since the auto-disable date; an admin may still keep it until the deadline. */
  | 'auto-disabled'
  /** Turned off by an admin. */
  | 'admin-disabled'
  /** Off for good since the deadline. */
  | 'disabled-for-good';

/** What the scheduler must change now. */
export type ReviewChange = 'auto-disable' | 'disable-for-good' | 'clear' | null;

export interface ReviewStatus {
  phase: ReviewPhase;
  change: ReviewChange;
  deadline: string | null;
  disableAt: string | null;
  /** Calendar days from today to the deadline's day, in the account's time zone (0 on the day, never negative). */
  daysLeft: number | null;
  /** The smallest reminder offset already reached (only the latest one is ever sent), or null. */
  reminderDue: number | null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `timeZone`, as `YYYY-MM-DD`. */
export function localDay(at: Date | string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}

/** Whole calendar days from `now` to `deadline` in `timeZone` (negative once past). */
export function calendarDaysBetween(input: { now: Date; deadline: Date | string; timeZone: string }): number {
  const from = Date.parse(`${localDay(input.now, input.timeZone)}T00:00:00Z`);
  const to = Date.parse(`${localDay(input.deadline, input.timeZone)}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000);
}

function phaseOf(input: { review: Review; install: Install; now: Date }): ReviewPhase {
  const { review, install, now } = input;
  const t = now.getTime();
  if (install.status === 'disabled') {
    if (install.disabledBy === 'deadline') return 'disabled-for-good';
    return install.disabledBy === 'auto-disable' ? 'auto-disabled' : 'admin-disabled';
  }
  const kept = install.keptUntil !== null && Date.parse(install.keptUntil) > t;
  if (review.disableAt && Date.parse(review.disableAt) <= t) return kept ? 'kept' : 'auto-disabled';
  return kept ? 'kept' : 'upcoming';
}

function changeOf(input: { review: Review; install: Install; now: Date; phase: ReviewPhase }): ReviewChange {
  const { review, install, now, phase } = input;
  const pastDeadline = review.deadline !== undefined && Date.parse(review.deadline) <= now.getTime();
  if (pastDeadline)
    return phase === 'upcoming' || phase === 'kept' || phase === 'auto-disabled' ? 'disable-for-good' : null;
  return phase === 'auto-disabled' && install.status === 'enabled' ? 'auto-disable' : null;
}

function latestReminder(daysLeft: number, reminderDays: readonly number[]): number | null {
  const reached = reminderDays.filter((d) => d >= daysLeft);
  return reached.length ? Math.min(...reached) : null;
}

/**
 * Reads an install against its integration's review at `now`: its phase, the change the
 * scheduler owes it, days left (calendar days in `timeZone`) and the latest reminder reached.
 */
export function reviewStatus(input: {
  review: Review;
  install: Install | undefined;
  now: Date;
  timeZone: string;
  reminderDays: readonly number[];
}): ReviewStatus {
  const { review, install, now } = input;
  const deadline = review.deadline ?? null;
  const disableAt = review.disableAt ?? null;
  const clear: ReviewStatus = {
    phase: 'clear',
    change: null,
    deadline,
    disableAt,
    daysLeft: null,
    reminderDue: null,
  };
  if (!install) return clear;
  if (review.state === 'passed' || (!deadline && !disableAt)) {
    const leftovers = install.keptUntil !== null || install.disabledBy === 'auto-disable';
    return { ...clear, change: review.state === 'passed' && leftovers ? 'clear' : null };
  }
  const phase = phaseOf({ review, install, now });
  const change = changeOf({ review, install, now, phase });
  const days = deadline ? calendarDaysBetween({ now, deadline, timeZone: input.timeZone }) : null;
  const beforeDeadline = deadline !== null && Date.parse(deadline) > now.getTime();
  const reminds = beforeDeadline && (phase === 'upcoming' || phase === 'kept' || phase === 'auto-disabled');
  return {
    phase: change === 'disable-for-good' ? 'disabled-for-good' : phase,
    change,
    deadline,
    disableAt,
    daysLeft: days === null ? null : Math.max(0, days),
    reminderDue: reminds && days !== null ? latestReminder(days, input.reminderDays) : null,
  };
}

/** Applies the scheduler's change to an install, in place. */
export function applyReviewChange(
  install: Install,
  input: { change: Exclude<ReviewChange, null>; now: Date },
): void {
  install.changedAt = input.now.toISOString();
  install.changedBy = 'scheduler';
  if (input.change === 'clear') {
    install.keptUntil = null;
    if (install.disabledBy === 'auto-disable') {
      install.status = 'enabled';
      install.disabledBy = null;
      install.disabledAt = null;
    }
    return;
  }
  disableInstall(install, {
    by: 'scheduler',
    now: input.now,
    reason: input.change === 'auto-disable' ? 'auto-disable' : 'deadline',
  });
}
