import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/application/commands/parse-command.js';
import { MAX_TIME_BOX_DAYS } from '../../../src/domain/time-box.js';

const ok = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.command;
};

describe('parseCommand: time boxes', () => {
  it('takes "for <N> days" at the end as a duration and an earlier "for" as the groups', () => {
    expect(ok('approve jira for Sales for 90 days')).toEqual({
      name: 'approve',
      integration: 'jira',
      scope: { kind: 'groups', groups: ['Sales'] },
      ends: { kind: 'days', days: 90 },
    });
    expect(ok('approve jira for Sales, Eng for 1 day')).toMatchObject({
      scope: { kind: 'groups', groups: ['Sales', 'Eng'] },
      ends: { kind: 'days', days: 1 },
    });
  });

  it("reads a duration alone as the requesters' groups for that long", () => {
    expect(ok('approve jira for 30 days')).toEqual({
      name: 'approve',
      integration: 'jira',
      scope: { kind: 'requesters' },
      ends: { kind: 'days', days: 30 },
    });
  });

  it('reads weeks and years as days, in any case', () => {
    expect(ok('approve jira for all for 2 Weeks')).toMatchObject({ ends: { kind: 'days', days: 14 } });
    expect(ok('approve jira for all FOR 1 YEAR')).toMatchObject({ ends: { kind: 'days', days: 365 } });
  });

  it('reads "until <date>" after all or groups', () => {
    expect(ok('approve zoom for all until 2027-01-31')).toEqual({
      name: 'approve',
      integration: 'zoom',
      scope: { kind: 'all' },
      ends: { kind: 'until', date: '2027-01-31' },
    });
    expect(ok('enable zoom for Sales until 2027-03-31')).toEqual({
      name: 'enable',
      integration: 'zoom',
      scope: { kind: 'groups', groups: ['Sales'] },
      ends: { kind: 'until', date: '2027-03-31' },
    });
  });

  it('leaves approvals without a time box open-ended', () => {
    expect(ok('approve jira for Sales')).toMatchObject({ ends: null });
    expect(ok('enable jira for all')).toMatchObject({ ends: null });
  });

  it('still wants a scope to enable, time box or not', () => {
    expect(parseCommand('enable zoom for 30 days')).toMatchObject({ ok: false, reason: 'missing-scope' });
    expect(parseCommand('enable zoom until 2027-03-31')).toMatchObject({
      ok: false,
      reason: 'missing-scope',
    });
  });

  it('refuses a duration of zero, a negative one, one past five years, and one that is not a number', () => {
    expect(parseCommand('approve jira for Sales for 0 days')).toEqual({
      ok: false,
      reason: 'bad-duration',
      text: '0 days',
      problem: 'not-positive',
      max: MAX_TIME_BOX_DAYS,
    });
    expect(parseCommand('approve jira for -5 days')).toMatchObject({
      reason: 'bad-duration',
      problem: 'not-positive',
    });
    expect(parseCommand(`enable jira for all for ${MAX_TIME_BOX_DAYS + 1} days`)).toMatchObject({
      reason: 'bad-duration',
      problem: 'too-long',
    });
    expect(parseCommand('enable jira for all for 6 years')).toMatchObject({
      reason: 'bad-duration',
      problem: 'too-long',
    });
    expect(parseCommand('approve jira for all for ninety days')).toMatchObject({
      reason: 'bad-duration',
      problem: 'not-a-number',
      text: 'ninety days',
    });
    expect(parseCommand('approve jira for all for 1.5 days')).toMatchObject({
      reason: 'bad-duration',
      problem: 'not-a-number',
    });
    expect(ok(`enable jira for all for ${MAX_TIME_BOX_DAYS} days`)).toMatchObject({
      ends: { kind: 'days', days: MAX_TIME_BOX_DAYS },
    });
  });

  it('refuses an end date that is not a calendar date written YYYY-MM-DD', () => {
    expect(parseCommand('approve zoom for all until 2027-02-30')).toEqual({
      ok: false,
      reason: 'bad-end-date',
      text: '2027-02-30',
    });
    expect(parseCommand('approve zoom for all until 31/03/2027')).toMatchObject({ reason: 'bad-end-date' });
    expect(parseCommand('approve zoom for all until next friday')).toMatchObject({ reason: 'bad-end-date' });
    expect(parseCommand('approve zoom for all until')).toEqual({
      ok: false,
      reason: 'bad-end-date',
      text: '',
    });
  });

  it('refuses both a duration and a date', () => {
    expect(parseCommand('approve zoom for all for 30 days until 2027-03-31')).toMatchObject({
      reason: 'two-ends',
    });
  });

  it('reads extend by days, for days, or until a date', () => {
    expect(ok('extend jira by 30 days')).toEqual({
      name: 'extend',
      integration: 'jira',
      by: { kind: 'days', days: 30 },
    });
    expect(ok('extend google drive for 1 year')).toEqual({
      name: 'extend',
      integration: 'google drive',
      by: { kind: 'days', days: 365 },
    });
    expect(ok('extend jira until 2027-06-30')).toEqual({
      name: 'extend',
      integration: 'jira',
      by: { kind: 'until', date: '2027-06-30' },
    });
  });

  it('refuses extend without a name, without how long, or with a bad one', () => {
    expect(parseCommand('extend')).toMatchObject({ reason: 'missing-integration', command: 'extend' });
    expect(parseCommand('extend jira')).toEqual({
      ok: false,
      reason: 'missing-extension',
      usage: ['extend <name> by <N> days | until <YYYY-MM-DD>'],
    });
    expect(parseCommand('extend by 30 days')).toMatchObject({ reason: 'missing-integration' });
    expect(parseCommand('extend jira by 0 days')).toMatchObject({ reason: 'bad-duration' });
    expect(parseCommand('extend jira until tomorrow')).toMatchObject({ reason: 'bad-end-date' });
  });
});
