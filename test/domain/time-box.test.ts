import { describe, expect, it } from 'vitest';
import type { Install } from '../../src/domain/state.js';
import {
  daysLeftOf,
  HEADS_UP_DAYS,
  isCalendarDate,
  lastDayOf,
  MAX_TIME_BOX_DAYS,
  startOfDay,
  timeBoxDue,
  timeBoxEnd,
} from '../../src/domain/time-box.js';

const anInstall = (overrides: Partial<Install> = {}): Install => ({
  integrationId: 'jira',
  scope: { kind: 'all' },
  status: 'enabled',
  connected: false,
  changedAt: '2027-01-01T00:00:00Z',
  changedBy: 'console:admin',
  keptUntil: null,
  disabledBy: null,
  disabledAt: null,
  endsAt: '2027-04-01T00:00:00.000Z',
  letEnd: null,
  approvedPermissions: null,
  ...overrides,
});

describe('timeBoxEnd', () => {
  it('ends "for N days" at the end of the Nth day after today, in the time zone', () => {
    const end = timeBoxEnd({
      box: { kind: 'days', days: 90 },
      now: new Date('2027-01-01T10:00:00Z'),
      timeZone: 'UTC',
    });
    expect(end).toEqual({ ok: true, lastDay: '2027-04-01', endsAt: '2027-04-02T00:00:00.000Z' });
  });

  it('counts today in the time zone, not in UTC', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Paris.
    const end = timeBoxEnd({
      box: { kind: 'days', days: 1 },
      now: new Date('2026-12-31T23:30:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(end).toEqual({ ok: true, lastDay: '2027-01-02', endsAt: '2027-01-02T23:00:00.000Z' });
  });

  it('ends "until <date>" at midnight after that day there, across a daylight-saving change', () => {
    const winter = timeBoxEnd({
      box: { kind: 'until', date: '2027-03-27' },
      now: new Date('2027-01-10T12:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    // 28 Mar 2027 starts at 00:00 CET (+01:00); the clocks go forward at 02:00 that night.
    expect(winter).toMatchObject({ ok: true, endsAt: '2027-03-27T23:00:00.000Z' });
    const summer = timeBoxEnd({
      box: { kind: 'until', date: '2027-03-31' },
      now: new Date('2027-01-10T12:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(summer).toMatchObject({ ok: true, lastDay: '2027-03-31', endsAt: '2027-03-31T22:00:00.000Z' });
    const newYork = timeBoxEnd({
      box: { kind: 'until', date: '2027-03-31' },
      now: new Date('2027-01-10T12:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(newYork).toMatchObject({ ok: true, endsAt: '2027-04-01T04:00:00.000Z' });
  });

  it('takes today as the last day, and refuses a day already past', () => {
    const now = new Date('2027-03-31T10:00:00Z');
    expect(timeBoxEnd({ box: { kind: 'until', date: '2027-03-31' }, now, timeZone: 'UTC' })).toMatchObject({
      ok: true,
    });
    expect(timeBoxEnd({ box: { kind: 'until', date: '2027-03-30' }, now, timeZone: 'UTC' })).toEqual({
      ok: false,
      problem: 'past',
    });
  });

  it('refuses zero, negative and absurd durations, and dates that do not exist', () => {
    const now = new Date('2027-01-01T10:00:00Z');
    const problem = (box: Parameters<typeof timeBoxEnd>[0]['box']) =>
      timeBoxEnd({ box, now, timeZone: 'UTC' });
    expect(problem({ kind: 'days', days: 0 })).toEqual({ ok: false, problem: 'not-positive' });
    expect(problem({ kind: 'days', days: -3 })).toEqual({ ok: false, problem: 'not-positive' });
    expect(problem({ kind: 'days', days: MAX_TIME_BOX_DAYS + 1 })).toEqual({
      ok: false,
      problem: 'too-long',
    });
    expect(problem({ kind: 'days', days: MAX_TIME_BOX_DAYS })).toMatchObject({ ok: true });
    expect(problem({ kind: 'until', date: '2032-12-31' })).toEqual({ ok: false, problem: 'too-long' });
    expect(problem({ kind: 'until', date: '2027-02-29' })).toEqual({ ok: false, problem: 'bad-date' });
  });

  it('extends from the current last day, and only to a later one', () => {
    const from = '2027-04-01T00:00:00.000Z'; // last day 31 Mar in UTC
    const now = new Date('2027-03-25T09:00:00Z');
    expect(timeBoxEnd({ box: { kind: 'days', days: 30 }, now, timeZone: 'UTC', from })).toMatchObject({
      ok: true,
      lastDay: '2027-04-30',
    });
    expect(timeBoxEnd({ box: { kind: 'until', date: '2027-03-31' }, now, timeZone: 'UTC', from })).toEqual({
      ok: false,
      problem: 'not-later',
    });
    expect(
      timeBoxEnd({ box: { kind: 'until', date: '2027-06-30' }, now, timeZone: 'UTC', from }),
    ).toMatchObject({
      ok: true,
      endsAt: '2027-07-01T00:00:00.000Z',
    });
  });
});

describe('timeBoxDue', () => {
  const endsAt = '2027-04-01T00:00:00.000Z';
  const headsUpAt = Date.parse(endsAt) - HEADS_UP_DAYS * 86_400_000;

  it('owes nothing before the heads-up, a heads-up from seven days before, and the end from the end', () => {
    const install = anInstall({ endsAt });
    expect(timeBoxDue(install, new Date(headsUpAt - 1))).toBeNull();
    expect(timeBoxDue(install, new Date(headsUpAt))).toBe('heads-up');
    expect(timeBoxDue(install, new Date(Date.parse(endsAt) - 1))).toBe('heads-up');
    expect(timeBoxDue(install, new Date(endsAt))).toBe('end');
  });

  it('skips the heads-up once an admin chose to let it end, but still ends it', () => {
    const install = anInstall({ endsAt, letEnd: { by: 'console:admin', at: '2027-03-25T00:00:00Z' } });
    expect(timeBoxDue(install, new Date(headsUpAt + 1000))).toBeNull();
    expect(timeBoxDue(install, new Date(endsAt))).toBe('end');
  });

  it('owes nothing without an end, or once it is off', () => {
    expect(timeBoxDue(anInstall({ endsAt: null }), new Date('2030-01-01'))).toBeNull();
    expect(
      timeBoxDue(anInstall({ status: 'disabled', disabledBy: 'time-box' }), new Date('2030-01-01')),
    ).toBeNull();
    expect(timeBoxDue(undefined, new Date('2030-01-01'))).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-3-1')).toBe(false);
  });

  it('finds midnight in a zone and the last day on before an end', () => {
    expect(startOfDay('2027-07-01', 'Europe/Paris').toISOString()).toBe('2027-06-30T22:00:00.000Z');
    expect(startOfDay('2027-07-01', 'Asia/Kolkata').toISOString()).toBe('2027-06-30T18:30:00.000Z');
    expect(lastDayOf('2027-03-31T22:00:00.000Z', 'Europe/Paris')).toBe('2027-03-31');
  });

  it('counts days left to the day it turns off', () => {
    const endsAt = '2027-04-01T00:00:00.000Z';
    expect(daysLeftOf(endsAt, new Date('2027-03-25T00:00:00Z'), 'UTC')).toBe(7);
    expect(daysLeftOf(endsAt, new Date('2027-03-31T23:00:00Z'), 'UTC')).toBe(1);
  });
});
