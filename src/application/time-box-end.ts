import { MAX_TIME_BOX_DAYS, type TimeBox, timeBoxEnd } from '../domain/time-box.js';
import type { Deps } from './deps.js';
import type { Refused } from './outcomes.js';
import { refused } from './outcomes.js';

/** Where an approval's or enabling's time box ends (null for none), or the refusal saying why it cannot. */
export function endOfTimeBox(
  deps: Pick<Deps, 'settings'>,
  box: TimeBox | null,
  now: Date,
): { ok: true; endsAt: string | null; lastDay: string | null } | Refused<'bad-time-box'> {
  if (!box) return { ok: true, endsAt: null, lastDay: null };
  const end = timeBoxEnd({ box, now, timeZone: deps.settings.timeZone });
  if (!end.ok)
    return refused('bad-time-box', { problem: end.problem, max: MAX_TIME_BOX_DAYS, lastDay: null });
  return end;
}

/** "; ends 2027-04-01T…" for an audit entry's details, or nothing for no end. */
export function endsLabel(end: { endsAt: string | null; lastDay: string | null }): string {
  return end.endsAt ? ` until ${end.lastDay} (ends ${end.endsAt})` : '';
}
