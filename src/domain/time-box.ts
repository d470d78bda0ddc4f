import { localDay } from './review.js';
import type { Install } from './state.js';

/**
 * Time-boxed approvals (docs/product.md#time-boxed-approvals): an integration approved or enabled
 * "for 90 days" or "until 2027-03-31" stays on through the last day, in the account's time zone,
 * and is turned off at the start of the next day there. `Install.endsAt` holds that instant.
 */

/** How long an approval lasts: a number of days from today (or from the current end, when extending), or a last day. */
export type TimeBox = { kind: 'days'; days: number } | { kind: 'until'; date: string };

/** The longest time box: five years of days. */
export const MAX_TIME_BOX_DAYS = 5 * 365 + 1;

/** Admins hear of a time box's end this many days before it. */
export const HEADS_UP_DAYS = 7;

/** Why a time box cannot be used. */
export type TimeBoxProblem = 'not-positive' | 'too-long' | 'bad-date' | 'past' | 'not-later';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (not 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === text;
}

/** The problem of a number of days, or null: at least one, at most MAX_TIME_BOX_DAYS. */
export function daysProblem(days: number): 'not-positive' | 'too-long' | null {
  if (!Number.isInteger(days) || days < 1) return 'not-positive';
  return days > MAX_TIME_BOX_DAYS ? 'too-long' : null;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day starts in `timeZone` (midnight there, across daylight-saving changes). */
export function startOfDay(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  let at = guess - offsetAt(guess, timeZone);
  // Once more with the offset at the first answer: it differs when a clock change lies between.
  at = guess - offsetAt(at, timeZone);
  return new Date(at);
}

/** When a time box whose last day is `lastDay` ends: the start of the next day in `timeZone`. */
export function endOfLastDay(lastDay: string, timeZone: string): Date {
  return startOfDay(addDays(lastDay, 1), timeZone);
}

/** The last day an integration is on, for an `endsAt` (the day before it, in `timeZone`). */
export function lastDayOf(endsAt: string | Date, timeZone: string): string {
  return localDay(new Date(new Date(endsAt).getTime() - 1), timeZone);
}

/**
 * Where a time box ends, or why it cannot. Days count from today (approve, enable) or from the
 * current last day (`from`, when extending); a date is the last day on. The end must come after
 * `now` (and after `from` when extending) and at most MAX_TIME_BOX_DAYS after today.
 */
export function timeBoxEnd(input: {
  box: TimeBox;
  now: Date;
  timeZone: string;
  /** The current end, when extending. */
  from?: string | null;
}): { ok: true; endsAt: string; lastDay: string } | { ok: false; problem: TimeBoxProblem } {
  const { box, now, timeZone } = input;
  const today = localDay(now, timeZone);
  let lastDay: string;
  if (box.kind === 'days') {
    const problem = daysProblem(box.days);
    if (problem) return { ok: false, problem };
    lastDay = addDays(input.from ? lastDayOf(input.from, timeZone) : today, box.days);
  } else {
    if (!isCalendarDate(box.date)) return { ok: false, problem: 'bad-date' };
    lastDay = box.date;
    if (lastDay < today) return { ok: false, problem: 'past' };
    if (input.from && lastDay <= lastDayOf(input.from, timeZone)) return { ok: false, problem: 'not-later' };
  }
  if (lastDay > addDays(today, MAX_TIME_BOX_DAYS)) return { ok: false, problem: 'too-long' };
  return { ok: true, endsAt: endOfLastDay(lastDay, timeZone).toISOString(), lastDay };
}

/** What the scheduler owes a time-boxed install at `now`. */
export type TimeBoxDue = 'heads-up' | 'end' | null;

/**
 * The time-box step due for an install: `end` once its end has come (while it is on), `heads-up`
 * from HEADS_UP_DAYS before it unless an admin already chose to let it end, else nothing.
 */
export function timeBoxDue(install: Install | undefined, now: Date): TimeBoxDue {
  if (!install?.endsAt || install.status !== 'enabled') return null;
  const end = Date.parse(install.endsAt);
  if (now.getTime() >= end) return 'end';
  if (install.letEnd) return null;
  return now.getTime() >= end - HEADS_UP_DAYS * DAY_MS ? 'heads-up' : null;
}

/** Calendar days from today to the day it turns off, in `timeZone` (1 on the last day on). */
export function daysLeftOf(endsAt: string, now: Date, timeZone: string): number {
  const last = Date.parse(`${localDay(endsAt, timeZone)}T00:00:00Z`);
  const today = Date.parse(`${localDay(now, timeZone)}T00:00:00Z`);
  return Math.max(0, Math.round((last - today) / DAY_MS));
}
