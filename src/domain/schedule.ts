/**
 * When the demand digest is due (docs/product.md#the-digest): weekly on a day, daily, or never, at a
 * wall-clock time in the account's time zone. Pure: every function takes the instant it reasons about.
 */
export type DigestSchedule =
  | { kind: 'off' }
  | { kind: 'daily'; hour: number; minute: number }
  /** `weekday`: 0 is Sunday … 6 Saturday, as `Date#getUTCDay`. */
  | { kind: 'weekly'; weekday: number; hour: number; minute: number };

export const DEFAULT_DIGEST = 'weekly mon 09:00';

/** Named by three letters or more (`mon`, `monday`). */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `weekly mon 09:00`, `daily 09:00` or `off` (any case, extra spaces allowed); null for anything else. */
export function parseDigestSchedule(text: string): DigestSchedule | null {
  const words = text.trim().toLowerCase().split(/\s+/);
  if (words.length === 1 && words[0] === 'off') return { kind: 'off' };
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(words.at(-1) ?? '');
  if (!time) return null;
  const at = { hour: Number(time[1]), minute: Number(time[2]) };
  if (words.length === 2 && words[0] === 'daily') return { kind: 'daily', ...at };
  if (words.length !== 3 || words[0] !== 'weekly') return null;
  const day = words[1] ?? '';
  const weekday = WEEKDAYS.findIndex((d) => d.startsWith(day) && day.length >= 3);
  if (weekday === -1) return null;
  return { kind: 'weekly', weekday, ...at };
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallTimeOf(at: number, timeZone: string): WallTime & { weekday: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const wall = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
  return { ...wall, weekday: new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The zone's offset from UTC at an instant, in milliseconds (seconds dropped). */
function offsetAt(at: number, timeZone: string): number {
  return asUtc(wallTimeOf(at, timeZone)) - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time happens in a time zone. A time that happens twice (clocks going back)
 * is its first occurrence; one that never happens (clocks going forward) is moved forward by the gap,
 * so a 02:30 digest on the night clocks jump from 02:00 to 03:00 comes at 03:30.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const naive = asUtc(wall);
  const before = offsetAt(naive - 86_400_000, timeZone);
  const after = offsetAt(naive + 86_400_000, timeZone);
  const matches = [naive - before, naive - after].filter((t) => asUtc(wallTimeOf(t, timeZone)) === naive);
  return new Date(matches.length ? Math.min(...matches) : naive - before);
}

/** The calendar day `days` after a wall day (negative: before). */
function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The digest's latest due time at or before `now` (the start of the current period), or null when it is off. */
export function latestDigestDue(schedule: DigestSchedule, now: Date, timeZone: string): Date | null {
  if (schedule.kind === 'off') return null;
  const today = wallTimeOf(now.getTime(), timeZone);
  const at = { ...today, hour: schedule.hour, minute: schedule.minute };
  const step = schedule.kind === 'daily' ? 1 : 7;
  const back = schedule.kind === 'daily' ? 0 : (today.weekday - schedule.weekday + 7) % 7;
  let day = addDays(at, -back);
  let due = instantOf(day, timeZone);
  while (due.getTime() > now.getTime()) {
    day = addDays(day, -step);
    due = instantOf(day, timeZone);
  }
  return due;
}

/** The digest's next due time strictly after `now`, or null when it is off. */
export function nextDigestDue(schedule: DigestSchedule, now: Date, timeZone: string): Date | null {
  const latest = latestDigestDue(schedule, now, timeZone);
  if (schedule.kind === 'off' || latest === null) return null;
  const day = wallTimeOf(latest.getTime(), timeZone);
  // The latest due time's wall day is the schedule's day (a moved-forward time stays on it).
  const next = addDays(
    { ...day, hour: schedule.hour, minute: schedule.minute },
    schedule.kind === 'daily' ? 1 : 7,
  );
  return instantOf(next, timeZone);
}

/** The period a due time opens, named by its calendar day in the time zone (`2027-02-01`). */
export function digestPeriod(due: Date, timeZone: string): string {
  const w = wallTimeOf(due.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
