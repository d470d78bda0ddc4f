import { describe, expect, it } from 'vitest';
import { runCountdownPass } from '../../../src/application/use-cases/run-countdown-pass.js';
import { type TimeBoxNoticeView, VERBS } from '../../../src/application/views/view.js';
import { ADMINS_CHANNEL, ada, adminsChannel, aTimeBoxCore, bob } from './time-box-core.js';

const END = '2027-04-01T00:00:00.000Z';
const KEY = `timebox:jira:${END}`;
const SLACK = 'slack:C1';

/**
 * Jira approved for Sales until 31 Mar 2027 (ends 1 Apr 00:00 UTC), its heads-up posted on 25 Mar
 * to the admin channel, and a Slack copy of it recorded beside the console one.
 */
async function aHeadsUp() {
  const core = await aTimeBoxCore();
  await core.say(ada, 'request jira');
  await core.say(bob, 'request jira');
  await core.approve('approve jira for Sales until 2027-03-31');
  const headsUp = await core.passAt('2027-03-25T00:00:00Z');
  await core.store.update((state) => {
    state.postedCards[KEY]?.push({ target: SLACK, messageId: '1700000000.000100' });
  });
  const countdownAt = async (at: string) => {
    core.clock.set(at);
    return runCountdownPass(core.deps, { now: core.clock.now() });
  };
  /** The updates of the card queued for any of its copies, with the card's state and title. */
  const updates = () =>
    core.store
      .read()
      .outbox.filter((n) => n.state === 'queued' && n.mode === 'update' && n.cardKey === KEY)
      .map((n) => {
        const view = n.view as unknown as TimeBoxNoticeView;
        return { target: n.target, state: view.state, title: view.title };
      });
  const read = (at: string) => {
    core.clock.set(at);
    return core.engine.viewCard({ actor: core.admin, cardKey: KEY, origin: adminsChannel });
  };
  return { ...core, headsUp, countdownAt, updates, read };
}

describe('a time-box heads-up counting down', () => {
  it('carries its key and the Teams admins to refresh for, and is recorded as a time-box countdown', async () => {
    const core = await aHeadsUp();
    expect(core.headsUp.cards[0]?.view).toMatchObject({
      title: "Jira's approval ends in 7 days",
      countdown: { key: KEY, refreshFor: [] },
    });
    expect(core.store.read().countdowns[KEY]).toEqual({
      kind: 'time-box',
      integrationId: 'jira',
      endsAt: END,
      createdAt: '2027-03-25T00:00:00.000Z',
      refreshedOn: '2027-03-25',
    });
    expect(core.store.read().postedCards[KEY]?.map((p) => p.target)).toEqual([ADMINS_CHANNEL, SLACK]);
  });

  it('shows the days left as of when it is read, its buttons kept', async () => {
    const core = await aHeadsUp();
    expect(core.read('2027-03-29T10:00:00Z')).toMatchObject({
      kind: 'timeBoxNotice',
      state: 'ending',
      title: "Jira's approval ends in 3 days",
      countdown: { key: KEY },
      actions: [{ verb: VERBS.extendTimeBox }, { verb: VERBS.letTimeBoxEnd }],
    });
    expect(core.read('2027-03-31T23:59:00Z')).toMatchObject({ title: "Jira's approval ends in 1 day" });
    expect(
      core.engine.viewCard({ actor: core.admin, cardKey: 'timebox:jira:2020-01-01T00:00:00.000Z' }),
    ).toBeNull();
    expect(core.engine.viewCard({ actor: core.admin, cardKey: 'constructor' })).toBeNull();
  });

  it('keeps counting after "Let it end", and the card the clicker gets back still refreshes', async () => {
    const core = await aHeadsUp();
    core.clock.set('2027-03-26T09:30:00Z');
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.letTimeBoxEnd,
      data: { integrationId: 'jira', endsAt: END },
    });
    expect(reply.card).toMatchObject({ state: 'letting-end', countdown: { key: KEY } });
    expect(core.read('2027-03-28T10:00:00Z')).toMatchObject({
      state: 'letting-end',
      title: "Jira's approval ends in 4 days",
      countdown: { key: KEY },
    });
  });

  it('answers the moved card after Extend, and the ended card after the end: no buttons, no more refresh', async () => {
    const core = await aHeadsUp();
    core.clock.set('2027-03-26T10:00:00Z');
    const extended = await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data: { integrationId: 'jira', endsAt: END },
      inputs: { ends: 'days:90' },
    });
    expect(extended.card).toMatchObject({ state: 'extended', actions: [] });
    expect(extended.card).not.toHaveProperty('countdown');
    const moved = core.read('2027-03-27T10:00:00Z');
    expect(moved).toMatchObject({
      state: 'extended',
      text: 'It was to end after 31 Mar 2027; it now stays on until 29 Jun 2027.',
      actions: [],
    });
    expect(moved).not.toHaveProperty('countdown');

    const other = await aHeadsUp();
    await other.passAt('2027-04-01T00:00:00Z');
    const ended = other.read('2027-04-02T10:00:00Z');
    expect(ended).toMatchObject({ state: 'ended', title: "Jira's time box ended", actions: [] });
    expect(ended).not.toHaveProperty('countdown');
  });

  it('names at most 60 system admins on Teams to refresh for', async () => {
    const core = await aHeadsUp();
    await core.store.update((state) => {
      for (let i = 0; i < 70; i++) {
        const id = `teams:admin-${String(i).padStart(2, '0')}`;
        state.people[id] = { id, name: null, role: 'system-admin', since: '2027-01-01T00:00:00Z' };
      }
    });
    const card = core.read('2027-03-26T10:00:00Z') as TimeBoxNoticeView;
    expect(card.countdown?.refreshFor).toHaveLength(60);
    expect(card.countdown?.refreshFor[0]).toBe('teams:admin-00');
    expect(card.countdown?.refreshFor.every((id) => id.startsWith('teams:'))).toBe(true);
  });

  it('updates each Slack copy at most once a day through the last day on, then leaves it to the end; a spent one is dropped', async () => {
    const core = await aHeadsUp();
    expect((await core.countdownAt('2027-03-25T20:00:00Z')).updates).toEqual([]);
    const first = await core.countdownAt('2027-03-26T06:00:00Z');
    expect(first.updates).toEqual([`Jira's approval ends in 6 days → ${SLACK}`]);
    // Only the Slack copy: Teams refreshes by itself, the console shows the card when it is sent.
    expect(core.updates()).toEqual([
      { target: SLACK, state: 'ending', title: "Jira's approval ends in 6 days" },
    ]);
    expect((await core.countdownAt('2027-03-26T23:59:00Z')).updates).toEqual([]);
    await core.worker.runOnce();
    expect(core.updates()).toEqual([]);

    expect((await core.countdownAt('2027-03-31T08:00:00Z')).updates).toHaveLength(1);
    expect(core.updates()).toEqual([
      { target: SLACK, state: 'ending', title: "Jira's approval ends in 1 day" },
    ]);
    await core.worker.runOnce();
    expect(core.store.read().countdowns[KEY]?.refreshedOn).toBe('2027-03-31');

    // The end updates every copy itself (the time-box pass); the countdown pass adds nothing.
    await core.passAt('2027-04-01T00:00:00Z');
    expect((await core.countdownAt('2027-04-01T08:00:00Z')).updates).toEqual([]);
    expect((await core.countdownAt('2027-04-20T08:00:00Z')).updates).toEqual([]);
    expect(core.updates()).toEqual([]);
    expect(core.store.read().countdowns[KEY]).toBeDefined();

    await core.countdownAt('2027-05-01T00:00:00Z');
    expect(core.store.read().countdowns[KEY]).toBeDefined();
    await core.countdownAt('2027-05-01T00:00:01Z');
    expect(core.store.read().countdowns[KEY]).toBeUndefined();
    expect(core.store.read().postedCards[KEY]).toBeUndefined();
    expect(core.engine.viewCard({ actor: core.admin, cardKey: KEY })).toBeNull();
  });

  it('sends nothing more to Slack once Extend moved the end', async () => {
    const core = await aHeadsUp();
    core.clock.set('2027-03-26T10:00:00Z');
    await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data: { integrationId: 'jira', endsAt: END },
      inputs: { ends: 'days:90' },
    });
    // Extend itself updates each copy to the moved card.
    expect(core.updates()).toEqual([
      { target: ADMINS_CHANNEL, state: 'extended', title: "Jira's time box moved" },
      { target: SLACK, state: 'extended', title: "Jira's time box moved" },
    ]);
    await core.worker.runOnce();
    for (const day of ['2027-03-27', '2027-03-31', '2027-04-01'])
      expect((await core.countdownAt(`${day}T08:00:00Z`)).updates).toEqual([]);
    expect(core.updates()).toEqual([]);
  });

  it('is not started for a card that no longer changes: the end posted after downtime', async () => {
    const core = await aTimeBoxCore();
    await core.say(ada, 'request jira');
    await core.approve('approve jira for Sales until 2027-03-31');
    const late = await core.passAt('2027-04-03T08:00:00Z');
    expect(late.cards[0]?.view).toMatchObject({ state: 'ended' });
    expect(late.cards[0]?.view).not.toHaveProperty('countdown');
    expect(core.store.read().countdowns).toEqual({});
  });
});
