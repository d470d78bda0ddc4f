import { describe, expect, it } from 'vitest';
import {
  digestPeriod,
  instantOf,
  latestDigestDue,
  nextDigestDue,
  parseDigestSchedule,
} from '../../src/domain/schedule.js';

const weeklyMon9 = { kind: 'weekly', weekday: 1, hour: 9, minute: 0 } as const;
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseDigestSchedule', () => {
  it('reads weekly, daily and off, in any case and spacing', () => {
    expect(parseDigestSchedule('weekly mon 09:00')).toEqual(weeklyMon9);
    expect(parseDigestSchedule('  Weekly   Friday 17:30 ')).toEqual({
      kind: 'weekly',
      weekday: 5,
      hour: 17,
      minute: 30,
    });
    expect(parseDigestSchedule('weekly sun 0:05')).toEqual({
      kind: 'weekly',
      weekday: 0,
      hour: 0,
      minute: 5,
    });
    expect(parseDigestSchedule('daily 09:00')).toEqual({ kind: 'daily', hour: 9, minute: 0 });
    expect(parseDigestSchedule('OFF')).toEqual({ kind: 'off' });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'weekly',
      'weekly 09:00',
      'weekly mo 09:00',
      'weekly mondays 09:00',
      'weekly mon 24:00',
      'weekly mon 9',
      'daily 09:60',
      'daily',
      'daily mon 09:00',
      'hourly 09:00',
      'off now',
    ]) {
      expect(parseDigestSchedule(bad), bad).toBeNull();
    }
  });
});

describe('instantOf', () => {
  it('turns a wall time into the instant in the zone, summer and winter', () => {
    const wall = { year: 2027, month: 1, day: 4, hour: 9, minute: 0 };
    expect(iso(instantOf(wall, 'Europe/Paris'))).toBe('2027-01-04T08:00:00.000Z');
    expect(iso(instantOf({ ...wall, month: 7, day: 5 }, 'Europe/Paris'))).toBe('2027-07-05T07:00:00.000Z');
    expect(iso(instantOf(wall, 'America/New_York'))).toBe('2027-01-04T14:00:00.000Z');
    expect(iso(instantOf(wall, 'UTC'))).toBe('2027-01-04T09:00:00.000Z');
  });

  it('moves a time skipped when clocks go forward past the gap', () => {
    // Paris, 28 Mar 2027: 02:00 CET jumps to 03:00 CEST, so 02:30 is 03:30 CEST.
    const skipped = { year: 2027, month: 3, day: 28, hour: 2, minute: 30 };
    expect(iso(instantOf(skipped, 'Europe/Paris'))).toBe('2027-03-28T01:30:00.000Z');
  });

  it('takes the first of a time that happens twice when clocks go back', () => {
    // Paris, 31 Oct 2027: 03:00 CEST goes back to 02:00 CET, so 02:30 happens at 00:30Z and 01:30Z.
    const twice = { year: 2027, month: 10, day: 31, hour: 2, minute: 30 };
    expect(iso(instantOf(twice, 'Europe/Paris'))).toBe('2027-10-31T00:30:00.000Z');
  });
});

describe('latestDigestDue and nextDigestDue', () => {
  it('weekly: the current period starts on the last Monday 09:00 in the zone', () => {
    // Monday 1 Feb 2027, 09:00 Paris is 08:00Z.
    expect(iso(latestDigestDue(weeklyMon9, at('2027-02-01T08:00:00Z'), 'Europe/Paris'))).toBe(
      '2027-02-01T08:00:00.000Z',
    );
    expect(iso(latestDigestDue(weeklyMon9, at('2027-02-01T07:59:00Z'), 'Europe/Paris'))).toBe(
      '2027-01-25T08:00:00.000Z',
    );
    expect(iso(latestDigestDue(weeklyMon9, at('2027-02-07T22:59:00Z'), 'Europe/Paris'))).toBe(
      '2027-02-01T08:00:00.000Z',
    );
    expect(iso(nextDigestDue(weeklyMon9, at('2027-02-01T08:00:00Z'), 'Europe/Paris'))).toBe(
      '2027-02-08T08:00:00.000Z',
    );
  });

  it("weekly: the day is the zone's, not UTC's", () => {
    // Sunday 23:30 UTC is already Monday 08:30 in Tokyo: the period began the Monday before.
    expect(iso(latestDigestDue(weeklyMon9, at('2027-01-31T23:30:00Z'), 'Asia/Tokyo'))).toBe(
      '2027-01-25T00:00:00.000Z',
    );
    expect(iso(nextDigestDue(weeklyMon9, at('2027-01-31T23:30:00Z'), 'Asia/Tokyo'))).toBe(
      '2027-02-01T00:00:00.000Z',
    );
  });

  it('weekly: stays at 09:00 local across the change to summer time', () => {
    // Monday 22 Mar 2027 09:00 CET = 08:00Z; Monday 29 Mar 09:00 CEST = 07:00Z.
    expect(iso(nextDigestDue(weeklyMon9, at('2027-03-22T08:00:00Z'), 'Europe/Paris'))).toBe(
      '2027-03-29T07:00:00.000Z',
    );
    expect(iso(latestDigestDue(weeklyMon9, at('2027-03-29T06:59:00Z'), 'Europe/Paris'))).toBe(
      '2027-03-22T08:00:00.000Z',
    );
  });

  it('daily: today once the time has come, else yesterday; a skipped time comes after the gap', () => {
    const daily = { kind: 'daily', hour: 9, minute: 0 } as const;
    expect(iso(latestDigestDue(daily, at('2027-02-03T10:00:00Z'), 'UTC'))).toBe('2027-02-03T09:00:00.000Z');
    expect(iso(latestDigestDue(daily, at('2027-02-03T08:59:59Z'), 'UTC'))).toBe('2027-02-02T09:00:00.000Z');
    expect(iso(nextDigestDue(daily, at('2027-02-03T09:00:00Z'), 'UTC'))).toBe('2027-02-04T09:00:00.000Z');
    const night = { kind: 'daily', hour: 2, minute: 30 } as const;
    expect(iso(nextDigestDue(night, at('2027-03-27T12:00:00Z'), 'Europe/Paris'))).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(iso(nextDigestDue(night, at('2027-03-28T01:30:00Z'), 'Europe/Paris'))).toBe(
      '2027-03-29T00:30:00.000Z',
    );
  });

  it('off: never due', () => {
    expect(latestDigestDue({ kind: 'off' }, at('2027-02-01T08:00:00Z'), 'UTC')).toBeNull();
    expect(nextDigestDue({ kind: 'off' }, at('2027-02-01T08:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('digestPeriod', () => {
  it("names a period by its due time's day in the zone", () => {
    expect(digestPeriod(at('2027-01-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2027-02-01');
    expect(digestPeriod(at('2027-01-31T23:30:00Z'), 'UTC')).toBe('2027-01-31');
  });
});
