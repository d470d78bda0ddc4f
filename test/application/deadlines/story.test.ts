import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/application/views/view.js';
import { ADMINS_CHANNEL, aDeadlineCore, adminsChannel, every } from './deadline-core.js';

describe('the review-deadline story, with a fixed clock', () => {
  it('approves a failed-review integration, auto-disables it, keeps it, reminds at 30/7/1 days and disables it for good, each notice once', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    expect(core.store.read().installs.surveymonkey).toMatchObject({ status: 'enabled' });

    const quiet = await core.passAt('2027-01-31T23:59:00Z');
    expect(quiet.report).toMatchObject({ changes: [], notices: [] });
    expect(quiet.cards).toEqual([]);

    const disable = await core.passAt('2027-02-01T00:00:00Z');
    expect(disable.report.changes).toEqual(['SurveyMonkey: disabled at its auto-disable date']);
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'disabled',
      disabledBy: 'auto-disable',
    });
    expect(disable.cards).toHaveLength(1);
    const attention = disable.cards[0]?.view;
    expect(attention).toMatchObject({ variant: 'attention', title: '1 integration needs your attention' });
    expect(attention?.items).toEqual([
      {
        integration: { id: 'surveymonkey', name: 'SurveyMonkey', vendor: 'Momentive' },
        daysLeft: 91,
        deadline: '3 May 2027',
        status: 'Disabled on 1 Feb 2027: review not passed',
        actions: [
          {
            verb: VERBS.keepIntegration,
            label: 'Keep until 3 May',
            data: { integrationId: 'surveymonkey' },
            style: 'positive',
          },
          {
            verb: VERBS.disableIntegration,
            label: 'Disable now',
            data: { integrationId: 'surveymonkey' },
            style: 'destructive',
          },
        ],
      },
    ]);
    expect((await core.passAt('2027-02-01T00:00:00Z')).cards).toEqual([]);

    core.clock.set('2027-02-01T09:00:00Z');
    const keep = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.keepIntegration,
      data: { integrationId: 'surveymonkey' },
    });
    expect(keep.card).toMatchObject({
      kind: 'deadlineNotice',
      title: 'SurveyMonkey stays on until 3 May 2027',
    });
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'enabled',
      keptUntil: '2027-05-03T00:00:00Z',
    });

    const cards = [];
    for (const at of every({ from: '2027-02-01T12:00:00Z', to: '2027-05-10T00:00:00Z', stepHours: 6 })) {
      cards.push(...(await core.passAt(at)).cards);
    }
    expect(cards.map((c) => [c.at, c.target, c.view.variant, c.view.title])).toEqual([
      [
        '2027-04-03T00:00:00.000Z',
        ADMINS_CHANNEL,
        'reminder',
        'SurveyMonkey: 30 days until its review deadline',
      ],
      [
        '2027-04-26T00:00:00.000Z',
        ADMINS_CHANNEL,
        'reminder',
        'SurveyMonkey: 7 days until its review deadline',
      ],
      [
        '2027-05-02T00:00:00.000Z',
        ADMINS_CHANNEL,
        'reminder',
        'SurveyMonkey: 1 day until its review deadline',
      ],
      [
        '2027-05-03T00:00:00.000Z',
        ADMINS_CHANNEL,
        'disabled-for-good',
        '1 integration was disabled for good',
      ],
    ]);
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'disabled',
      disabledBy: 'deadline',
      keptUntil: null,
    });

    const history = core.audit.entries
      .filter((e) => e.integrationId === 'surveymonkey')
      .map((e) => [e.actor, e.action]);
    expect(history.slice(-3)).toEqual([
      ['scheduler', 'review-auto-disabled'],
      ['console:admin', 'review-kept'],
      ['scheduler', 'review-deadline-disabled'],
    ]);
    expect(core.audit.entries.at(-1)?.details).toBe(
      'enabled for all groups, kept → disabled (deadline): review failed; final deadline 3 May 2027 reached',
    );
  });

  it('after downtime sends only the latest reminder due, not the backlog', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    await core.say(core.admin, 'keep SurveyMonkey');
    const back = await core.passAt('2027-04-30T08:00:00Z');
    expect(back.cards.map((c) => c.view.title)).toEqual(['SurveyMonkey: 3 days until its review deadline']);
    expect(back.cards[0]?.view.items[0]?.daysLeft).toBe(3);
    expect((await core.passAt('2027-05-01T08:00:00Z')).cards).toEqual([]);
  });

  it('queues nothing twice when two passes run at the same time', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    const { runDeadlinePass } = await import('../../../src/application/use-cases/run-deadline-pass.js');
    const now = new Date('2027-02-01T00:00:00Z');
    const [first, second] = await Promise.all([
      runDeadlinePass(core.deps, { now }),
      runDeadlinePass(core.deps, { now }),
    ]);
    expect(first.notices).toHaveLength(1);
    expect(second).toMatchObject({ changes: [], notices: [] });
    expect(core.store.read().outbox.filter((n) => n.view.kind === 'deadlineNotice')).toHaveLength(1);
  });

  it('tells admins no action is needed when the review passes meanwhile, and clears the keep', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    await core.passAt('2027-02-01T00:00:00Z');
    const passedCatalog = core.deps.catalog.map((e) =>
      e.id === 'surveymonkey' ? { ...e, review: { state: 'passed' as const } } : e,
    );
    Object.assign(core.deps, { catalog: passedCatalog });
    const passed = await core.passAt('2027-02-10T00:00:00Z');
    expect(passed.report.changes).toEqual(['SurveyMonkey: review passed; keep and auto-disable cleared']);
    expect(passed.cards.map((c) => [c.view.variant, c.view.title])).toEqual([
      ['review-passed', 'Review passed: no action needed'],
    ]);
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'enabled',
      disabledBy: null,
      keptUntil: null,
    });
    expect((await core.passAt('2027-05-03T00:00:00Z')).cards).toEqual([]);
  });

  it('puts every integration disabled in one pass on one card per admin channel', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    await core.approve('BlueJeans');
    await core.say(core.admin, 'notify here', {
      conversationId: 'console:#ops',
      kind: 'channel',
      name: 'ops',
    });
    const pass = await core.passAt('2027-03-02T00:00:00Z');
    expect(pass.report.changes).toHaveLength(2);
    expect(
      pass.cards.map((c) => [c.target, c.view.title, c.view.items.map((i) => i.integration.id)]),
    ).toEqual([
      [ADMINS_CHANNEL, '2 integrations need your attention', ['surveymonkey', 'bluejeans']],
      ['console:#ops', '2 integrations need your attention', ['surveymonkey', 'bluejeans']],
    ]);
  });
});

describe('deadline dates in the account time zone', () => {
  async function oneDayReminder(timeZone: string) {
    const core = await aDeadlineCore({ settings: { timeZone } });
    await core.approve('SurveyMonkey');
    await core.say(core.admin, 'keep SurveyMonkey');
    await core.passAt('2027-04-29T00:00:00Z');
    const cards = [];
    for (const at of every({ from: '2027-04-30T00:00:00Z', to: '2027-05-03T00:00:00Z', stepHours: 1 })) {
      cards.push(...(await core.passAt(at)).cards);
    }
    return cards.map((c) => [c.at, c.view.variant, c.view.items[0]?.deadline, c.view.items[0]?.daysLeft]);
  }

  it('reminds on the eve of the deadline as Paris counts days', async () => {
    expect(await oneDayReminder('Europe/Paris')).toEqual([
      ['2027-05-01T22:00:00.000Z', 'reminder', '3 May 2027', 1],
      ['2027-05-03T00:00:00.000Z', 'disabled-for-good', '3 May 2027', 0],
    ]);
  });

  it('reminds on the eve of the deadline as Los Angeles counts days', async () => {
    expect(await oneDayReminder('America/Los_Angeles')).toEqual([
      ['2027-05-01T07:00:00.000Z', 'reminder', '2 May 2027', 1],
      ['2027-05-03T00:00:00.000Z', 'disabled-for-good', '2 May 2027', 0],
    ]);
  });
});
