import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/catalog.js';
import { applyReviewChange, calendarDaysBetween, localDay, reviewStatus } from '../../src/domain/review.js';
import type { Install } from '../../src/domain/state.js';

const failed: Review = {
  state: 'failed',
  disableAt: '2027-02-01T00:00:00Z',
  deadline: '2027-05-03T00:00:00Z',
};
const UTC = 'UTC';
const DAYS = [30, 7, 1];

function anInstall(overrides: Partial<Install> = {}): Install {
  return {
    integrationId: 'surveymonkey',
    scope: { kind: 'all' },
    status: 'enabled',
    connected: false,
    changedAt: '2026-12-01T00:00:00Z',
    changedBy: 'console:ada',
    keptUntil: null,
    disabledBy: null,
    disabledAt: null,
    endsAt: null,
    approvedPermissions: null,
    ...overrides,
  };
}

const at = (iso: string, install = anInstall(), review = failed, timeZone = UTC) =>
  reviewStatus({ review, install, now: new Date(iso), timeZone, reminderDays: DAYS });

describe('reviewStatus', () => {
  it('leaves an integration whose review passed alone', () => {
    expect(at('2027-03-01T00:00:00Z', anInstall(), { state: 'passed' })).toMatchObject({
      phase: 'clear',
      change: null,
    });
  });

  it('asks nothing before the auto-disable date', () => {
    expect(at('2027-01-31T23:59:59Z')).toMatchObject({
      phase: 'upcoming',
      change: null,
      daysLeft: 92,
      reminderDue: null,
    });
  });

  it('disables an enabled integration at its auto-disable date', () => {
    expect(at('2027-02-01T00:00:00Z')).toMatchObject({ phase: 'auto-disabled', change: 'auto-disable' });
  });

  it('keeps an integration an admin chose to keep', () => {
    const kept = anInstall({ keptUntil: failed.deadline ?? null });
    expect(at('2027-02-01T00:00:00Z', kept)).toMatchObject({ phase: 'kept', change: null });
  });

  it('asks nothing more of an integration already auto-disabled', () => {
    const off = anInstall({ status: 'disabled', disabledBy: 'auto-disable' });
    expect(at('2027-02-02T00:00:00Z', off)).toMatchObject({ phase: 'auto-disabled', change: null });
  });

  it('disables a kept or auto-disabled integration for good at the deadline', () => {
    const kept = anInstall({ keptUntil: failed.deadline ?? null });
    expect(at('2027-05-03T00:00:00Z', kept)).toMatchObject({
      phase: 'disabled-for-good',
      change: 'disable-for-good',
      daysLeft: 0,
    });
    const off = anInstall({ status: 'disabled', disabledBy: 'auto-disable' });
    expect(at('2027-05-03T00:00:00Z', off)).toMatchObject({ change: 'disable-for-good' });
  });

  it('leaves an integration an admin turned off as it is at the deadline', () => {
    const off = anInstall({ status: 'disabled', disabledBy: 'admin' });
    expect(at('2027-06-01T00:00:00Z', off)).toMatchObject({
      phase: 'admin-disabled',
      change: null,
      reminderDue: null,
    });
  });

  it('clears a keep or an auto-disable once the review passes', () => {
    const passed: Review = { ...failed, state: 'passed' };
    expect(at('2027-03-01T00:00:00Z', anInstall({ keptUntil: failed.deadline ?? null }), passed).change).toBe(
      'clear',
    );
    expect(
      at('2027-03-01T00:00:00Z', anInstall({ status: 'disabled', disabledBy: 'auto-disable' }), passed)
        .change,
    ).toBe('clear');
    expect(at('2027-03-01T00:00:00Z', anInstall(), passed).change).toBeNull();
  });

  it('names the latest reminder reached, never an earlier one', () => {
    const kept = anInstall({ keptUntil: failed.deadline ?? null });
    expect(at('2027-04-02T12:00:00Z', kept).reminderDue).toBeNull();
    expect(at('2027-04-03T00:00:00Z', kept).reminderDue).toBe(30);
    expect(at('2027-04-26T00:00:00Z', kept).reminderDue).toBe(7);
    expect(at('2027-05-02T23:59:59Z', kept)).toMatchObject({ reminderDue: 1, daysLeft: 1 });
    expect(at('2027-05-03T00:00:00Z', kept).reminderDue).toBeNull();
  });

  it('counts days left in calendar days of the account time zone', () => {
    const kept = anInstall({ keptUntil: failed.deadline ?? null });
    // 2027-05-02T06:00Z is 08:00 on 2 May in Paris and 23:00 on 1 May in Los Angeles; the deadline is 3 May in Paris, 2 May in LA.
    const now = '2027-05-02T06:00:00Z';
    expect(at(now, kept, failed, 'Europe/Paris').daysLeft).toBe(1);
    expect(at(now, kept, failed, 'America/Los_Angeles').daysLeft).toBe(1);
    expect(at('2027-05-02T08:00:00Z', kept, failed, 'America/Los_Angeles')).toMatchObject({
      daysLeft: 0,
      reminderDue: 1,
    });
  });

  it('returns clear when nothing is installed', () => {
    expect(
      reviewStatus({
        review: failed,
        install: undefined,
        now: new Date('2027-03-01'),
        timeZone: UTC,
        reminderDays: DAYS,
      }).phase,
    ).toBe('clear');
  });
});

describe('calendarDaysBetween', () => {
  it('counts across a daylight-saving change as whole days', () => {
    const timeZone = 'Europe/Paris';
    expect(
      calendarDaysBetween({
        now: new Date('2027-03-27T12:00:00Z'),
        deadline: '2027-03-29T12:00:00Z',
        timeZone,
      }),
    ).toBe(2);
  });

  it('reads the day in the time zone', () => {
    expect(localDay('2027-05-03T00:00:00Z', 'Europe/Paris')).toBe('2027-05-03');
    expect(localDay('2027-05-03T00:00:00Z', 'America/Los_Angeles')).toBe('2027-05-02');
  });
});

describe('applyReviewChange', () => {
  const now = new Date('2027-02-01T00:00:00Z');

  it('records the scheduler as the one who disabled it, and why', () => {
    const install = anInstall({ keptUntil: 'x' });
    applyReviewChange(install, { change: 'auto-disable', now });
    expect(install).toMatchObject({
      status: 'disabled',
      disabledBy: 'auto-disable',
      keptUntil: null,
      changedBy: 'scheduler',
    });
    applyReviewChange(install, { change: 'disable-for-good', now });
    expect(install.disabledBy).toBe('deadline');
  });

  it('turns an auto-disabled integration back on when the review passes', () => {
    const install = anInstall({ status: 'disabled', disabledBy: 'auto-disable' });
    applyReviewChange(install, { change: 'clear', now });
    expect(install).toMatchObject({ status: 'enabled', disabledBy: null, keptUntil: null });
  });

  it('leaves an integration disabled by an admin off when the review passes', () => {
    const install = anInstall({ status: 'disabled', disabledBy: 'admin', keptUntil: 'x' });
    applyReviewChange(install, { change: 'clear', now });
    expect(install).toMatchObject({ status: 'disabled', disabledBy: 'admin', keptUntil: null });
  });
});
