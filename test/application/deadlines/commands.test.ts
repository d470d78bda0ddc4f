import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/application/views/view.js';
import { aDeadlineCore, ada } from './deadline-core.js';

describe('deadline commands', () => {
  it('refuses every deadline command to someone who is not a system admin, re-checked from the store', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    for (const text of ['deadlines', 'keep SurveyMonkey', 'notices']) {
      expect((await core.say(ada, text))[0]).toMatchObject({ kind: 'message', tone: 'error' });
    }
    const click = await core.engine.handleAction({
      actor: ada,
      origin: { conversationId: ada.id, kind: 'personal' },
      verb: VERBS.disableIntegration,
      data: { integrationId: 'surveymonkey' },
    });
    expect(click.card).toMatchObject({ kind: 'message', tone: 'error' });
    expect(core.store.read().installs.surveymonkey).toMatchObject({ status: 'enabled', keptUntil: null });
  });

  it('lists what is affected with days left, in the account time zone', async () => {
    const core = await aDeadlineCore({ settings: { timeZone: 'America/Los_Angeles' } });
    await core.approve('SurveyMonkey');
    core.clock.set('2027-04-30T12:00:00Z');
    const [view] = await core.say(core.admin, 'deadlines');
    expect(view).toMatchObject({
      kind: 'deadlineNotice',
      text: expect.stringContaining('America/Los_Angeles'),
    });
    expect(view?.kind === 'deadlineNotice' && view.items[0]).toMatchObject({
      deadline: '2 May 2027',
      daysLeft: 2,
    });
  });

  it('disables now from the card and stops the reminders', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    await core.passAt('2027-02-01T00:00:00Z');
    const click = await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: core.admin.id, kind: 'personal' },
      verb: VERBS.disableIntegration,
      data: { integrationId: 'surveymonkey' },
    });
    expect(click.card).toMatchObject({ title: 'SurveyMonkey is disabled' });
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'disabled',
      disabledBy: 'admin',
    });
    expect((await core.passAt('2027-04-30T00:00:00Z')).cards).toEqual([]);
    expect((await core.passAt('2027-05-03T00:00:00Z')).cards).toEqual([]);
  });

  it('shows queued and given-up notices to admins', async () => {
    const core = await aDeadlineCore();
    await core.store.update((s) => {
      s.outbox.push({
        id: 'n90',
        target: 'teams:19:x',
        cardKey: null,
        mode: 'post',
        view: { kind: 'message', text: 'Hello' },
        state: 'given-up',
        attempts: 8,
        notBefore: '2026-12-01T10:00:00Z',
        lastError: 'gave up after 8 attempts: 500',
        createdAt: '2026-12-01T10:00:00Z',
      });
    });
    const [view] = await core.say(core.admin, 'notices');
    expect(view).toMatchObject({ kind: 'list', title: 'Notices: 0 queued (0 failing), 1 given up' });
    expect(view?.kind === 'list' && view.items).toEqual([
      {
        title: 'Hello → teams:19:x',
        detail: 'Given up: gave up after 8 attempts: 500 (queued 1 Dec 2026, 10:00)',
      },
    ]);
  });
});
