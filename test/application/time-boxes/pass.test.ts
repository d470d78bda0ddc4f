import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/application/views/view.js';
import { ADMINS_CHANNEL, ada, adminsChannel, aTimeBoxCore, bob } from './time-box-core.js';

/** Jira requested by Ada and Bob, approved for Sales until 31 Mar 2027 (ends 1 Apr 00:00 UTC). */
async function approvedUntilMarch() {
  const core = await aTimeBoxCore();
  await core.say(ada, 'request jira');
  await core.say(bob, 'request jira');
  await core.approve('approve jira for Sales until 2027-03-31');
  expect(core.store.read().installs.jira?.endsAt).toBe('2027-04-01T00:00:00.000Z');
  return core;
}

describe('the time-box pass', () => {
  it('sends a heads-up seven days before the end, then turns it off at the end and tells the requesters, each once', async () => {
    const core = await approvedUntilMarch();
    expect((await core.passAt('2027-03-24T23:59:00Z')).sent).toEqual([]);

    const headsUp = await core.passAt('2027-03-25T00:00:00Z');
    expect(headsUp.report.notices).toEqual([`time-box-heads-up (Jira) → ${ADMINS_CHANNEL}`]);
    expect(headsUp.cards).toHaveLength(1);
    expect(headsUp.cards[0]).toMatchObject({ kind: 'post', target: ADMINS_CHANNEL });
    expect(headsUp.cards[0]?.view).toMatchObject({
      state: 'ending',
      title: "Jira's approval ends in 7 days",
      text: 'On for Sales until 31 Mar 2027; it turns off after that day and its requesters are told.',
      actions: [
        {
          verb: VERBS.extendTimeBox,
          label: 'Extend',
          data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
        },
        { verb: VERBS.letTimeBoxEnd, label: 'Let it end' },
      ],
    });
    expect((await core.passAt('2027-03-26T09:00:00Z')).sent).toEqual([]);

    const end = await core.passAt('2027-04-01T00:00:00Z');
    expect(end.report.changes).toEqual(['Jira: disabled at the end of its time box (2027-03-31)']);
    expect(core.store.read().installs.jira).toMatchObject({ status: 'disabled', disabledBy: 'time-box' });
    const dms = end.sent.filter((m) => m.target === ada.id || m.target === bob.id);
    expect(dms.map((m) => m.target).sort()).toEqual([ada.id, bob.id]);
    expect(dms[0]?.view).toMatchObject({
      kind: 'message',
      text: 'Jira is off now: its approval for Sales ran until 31 Mar 2027. Ask again if you still need it.',
      actions: [{ verb: VERBS.requestIntegration, label: 'Request again', data: { integrationId: 'jira' } }],
    });
    // The heads-up card in the admin channel is updated in place to say it ended.
    expect(end.cards).toEqual([
      expect.objectContaining({
        kind: 'update',
        target: ADMINS_CHANNEL,
        view: expect.objectContaining({ state: 'ended' }),
      }),
    ]);
    expect(core.audit.entries.at(-1)).toMatchObject({
      actor: 'scheduler',
      action: 'time-box-ended',
      integrationId: 'jira',
      details: 'enabled for Sales → disabled (time-box): its time box ran until 2027-03-31',
    });
    expect((await core.passAt('2027-04-02T00:00:00Z')).sent).toEqual([]);
    const directory = core.textOf(await core.say(core.admin, 'integrations'));
    expect(directory).toContain(
      'Off since 1 Apr 2027: its time box ended (was on for Sales until 31 Mar 2027)',
    );
  });

  it('after downtime past the end, only ends it: the missed heads-up is not sent late', async () => {
    const core = await approvedUntilMarch();
    const late = await core.passAt('2027-04-03T08:00:00Z');
    expect(late.report.changes).toHaveLength(1);
    expect(late.cards).toHaveLength(1);
    expect(late.cards[0]?.view).toMatchObject({ state: 'ended' });
    expect(late.cards[0]?.kind).toBe('post');
  });

  it('"Let it end" records the choice: no further heads-up, and the end comes as planned', async () => {
    const core = await approvedUntilMarch();
    await core.passAt('2027-03-25T00:00:00Z');
    core.clock.set('2027-03-25T09:30:00Z');
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.letTimeBoxEnd,
      data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
    });
    expect(reply.refused).toBe(false);
    expect(reply.card).toMatchObject({
      kind: 'timeBoxNotice',
      state: 'letting-end',
      statusLine: 'Admin chose to let it end — 25 Mar 2027, 09:30',
      actions: [{ verb: VERBS.extendTimeBox }],
    });
    expect(core.store.read().installs.jira?.letEnd).toEqual({
      by: 'console:admin',
      at: '2027-03-25T09:30:00.000Z',
    });
    expect(core.audit.entries.at(-1)).toMatchObject({ action: 'time-box-let-end' });
    expect((await core.passAt('2027-03-30T00:00:00Z')).cards.filter((c) => c.kind === 'post')).toEqual([]);
    expect((await core.passAt('2027-04-01T00:00:00Z')).report.changes).toHaveLength(1);
  });

  it('"Extend" from the card moves the end, updates the card, and a new heads-up comes before the new end', async () => {
    const core = await approvedUntilMarch();
    await core.passAt('2027-03-25T00:00:00Z');
    core.clock.set('2027-03-26T10:00:00Z');
    const data = { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' };
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data,
      inputs: { ends: 'days:90' },
    });
    expect(reply.card).toMatchObject({
      state: 'extended',
      text: 'It was to end after 31 Mar 2027; it now stays on until 29 Jun 2027.',
    });
    expect(core.store.read().installs.jira?.endsAt).toBe('2027-06-30T00:00:00.000Z');
    expect(core.audit.entries.at(-1)).toMatchObject({ action: 'time-box-extended', actor: 'console:admin' });
    await core.worker.runOnce();
    expect(core.console.sent.at(-1)).toMatchObject({ kind: 'update', target: ADMINS_CHANNEL });

    const twice = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data,
      inputs: { ends: 'days:90' },
    });
    expect(twice.refused).toBe(true);
    expect(JSON.stringify(twice.card)).toContain('already changed: it runs until 29 Jun 2027');
    expect(core.store.read().installs.jira?.endsAt).toBe('2027-06-30T00:00:00.000Z');

    expect((await core.passAt('2027-04-01T00:00:00Z')).sent).toEqual([]);
    const again = await core.passAt('2027-06-23T00:00:00Z');
    expect(again.cards.map((c) => [c.kind, c.view.title])).toEqual([
      ['post', "Jira's approval ends in 7 days"],
    ]);
  });

  it('refuses Extend without a duration chosen and changes nothing', async () => {
    const core = await approvedUntilMarch();
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
      inputs: { ends: 'none' },
    });
    expect(reply.refused).toBe(true);
    expect(core.store.read().installs.jira?.endsAt).toBe('2027-04-01T00:00:00.000Z');
  });

  it('refuses extending once the time box ended, saying when', async () => {
    const core = await approvedUntilMarch();
    await core.passAt('2027-04-01T00:00:00Z');
    const views = await core.say(core.admin, 'extend jira by 30 days');
    expect(core.textOf(views)).toContain("Jira's time box ended on 31 Mar 2027");
    expect(core.store.read().installs.jira?.status).toBe('disabled');
  });

  it('counts the heads-up and the end in the account time zone', async () => {
    const core = await aTimeBoxCore({ timeZone: 'Europe/Paris' });
    await core.say(core.admin, 'enable zoom for all until 2027-03-31');
    // It ends at midnight in Paris (22:00 UTC, summer time); the heads-up comes 7 × 24 hours before.
    expect((await core.passAt('2027-03-24T21:59:00Z')).cards).toEqual([]);
    expect((await core.passAt('2027-03-24T22:00:00Z')).cards).toHaveLength(1);
    expect((await core.passAt('2027-03-31T21:59:00Z')).report.changes).toEqual([]);
    expect((await core.passAt('2027-03-31T22:00:00Z')).report.changes).toHaveLength(1);
  });
});
