import { describe, expect, it } from 'vitest';
import { runCountdownPass } from '../../../src/application/use-cases/run-countdown-pass.js';
import type { DeadlineNoticeView } from '../../../src/application/views/view.js';
import { aDeadlineCore, adminsChannel } from './deadline-core.js';

/** SurveyMonkey approved, then auto-disabled on 1 Feb 2027 (deadline 3 May): the attention card's key. */
async function anAttentionCard() {
  const core = await aDeadlineCore();
  await core.approve('SurveyMonkey');
  const { cards } = await core.passAt('2027-02-01T00:00:00Z');
  const key = cards[0]?.view.countdown?.key;
  if (!key) throw new Error('the attention card does not count down');
  const countdownAt = async (at: string) => {
    core.clock.set(at);
    return runCountdownPass(core.deps, { now: core.clock.now() });
  };
  const updates = () =>
    core.store
      .read()
      .outbox.filter((n) => n.state === 'queued' && n.mode === 'update' && n.cardKey === key)
      .map((n) => ({
        target: n.target,
        daysLeft: (n.view as unknown as DeadlineNoticeView).items[0]?.daysLeft,
      }));
  return { ...core, key, countdownAt, updates };
}

describe('counting-down deadline cards', () => {
  it('carry their key and the Teams admins to refresh for, and are recorded where they were posted', async () => {
    const core = await anAttentionCard();
    expect(core.key).toBe('deadline:2027-02-01T00:00:00.000Z:attention');
    expect(core.store.read().countdowns[core.key]).toEqual({
      kind: 'deadline',
      variant: 'attention',
      integrationIds: ['surveymonkey'],
      createdAt: '2027-02-01T00:00:00.000Z',
      refreshedOn: '2027-02-01',
    });
    expect(core.store.read().postedCards[core.key]?.map((p) => p.target)).toEqual(['console:#admins']);
  });

  it('show the days left as of when they are read', async () => {
    const core = await anAttentionCard();
    core.clock.set('2027-04-26T10:00:00Z');
    const card = core.engine.viewCard({ actor: core.admin, cardKey: core.key, origin: adminsChannel });
    expect(card).toMatchObject({
      kind: 'deadlineNotice',
      variant: 'attention',
      countdown: { key: core.key, refreshFor: [] },
      items: [{ daysLeft: 7, deadline: '3 May 2027' }],
    });
    expect(core.engine.viewCard({ actor: core.admin, cardKey: 'deadline:nope' })).toBeNull();
  });

  it('name at most 60 system admins on Teams to refresh for', async () => {
    const core = await anAttentionCard();
    await core.store.update((state) => {
      for (let i = 0; i < 70; i++) {
        const id = `teams:admin-${String(i).padStart(2, '0')}`;
        state.people[id] = { id, name: null, role: 'system-admin', since: '2027-01-01T00:00:00Z' };
      }
    });
    const card = core.engine.viewCard({ actor: core.admin, cardKey: core.key }) as DeadlineNoticeView;
    expect(card.countdown?.refreshFor).toHaveLength(60);
    expect(card.countdown?.refreshFor.every((id) => id.startsWith('teams:'))).toBe(true);
  });

  it('update each Slack copy at most once a day until the deadline day, then stop; a spent one is dropped', async () => {
    const core = await anAttentionCard();
    await core.store.update((state) => {
      state.postedCards[core.key]?.push({ target: 'slack:C1', messageId: '1700000000.000100' });
    });
    expect((await core.countdownAt('2027-02-01T20:00:00Z')).updates).toEqual([]);
    const first = await core.countdownAt('2027-02-02T06:00:00Z');
    expect(first.updates).toEqual(['1 integration needs your attention → slack:C1']);
    expect(core.updates()).toEqual([{ target: 'slack:C1', daysLeft: 90 }]);
    expect((await core.countdownAt('2027-02-02T23:00:00Z')).updates).toEqual([]);
    await core.worker.runOnce();
    expect((await core.countdownAt('2027-05-03T08:00:00Z')).updates).toHaveLength(1);
    expect(core.updates()).toEqual([{ target: 'slack:C1', daysLeft: 0 }]);
    await core.worker.runOnce();
    expect((await core.countdownAt('2027-05-04T08:00:00Z')).updates).toEqual([]);
    expect(core.store.read().countdowns[core.key]).toBeDefined();
    await core.countdownAt('2027-06-10T08:00:00Z');
    expect(core.store.read().countdowns[core.key]).toBeUndefined();
    expect(core.store.read().postedCards[core.key]).toBeUndefined();
  });

  it('stop updating a card on Slack once a later card lists all its integrations; the later one counts down instead', async () => {
    const core = await anAttentionCard();
    await core.store.update((state) => {
      state.postedCards[core.key]?.push({ target: 'slack:C1', messageId: '1700000000.000100' });
    });
    // Before the 30-day reminder the attention card is brought up to date.
    expect((await core.countdownAt('2027-04-02T06:00:00Z')).updates).toHaveLength(1);
    await core.worker.runOnce();

    const { cards } = await core.passAt('2027-04-03T09:00:00Z');
    const reminderKey = cards[0]?.view.countdown?.key;
    expect(cards[0]?.view.variant).toBe('reminder');
    expect(reminderKey).toBeDefined();
    expect(core.store.read().countdowns[core.key]).toMatchObject({
      supersededAt: '2027-04-03T09:00:00.000Z',
    });
    expect(core.store.read().countdowns[reminderKey as string]).not.toHaveProperty('supersededAt');
    await core.store.update((state) => {
      state.postedCards[reminderKey as string]?.push({ target: 'slack:C1', messageId: '1700000000.000200' });
    });

    const next = await core.countdownAt('2027-04-04T06:00:00Z');
    expect(next.updates).toEqual(['SurveyMonkey: 29 days until its review deadline → slack:C1']);
    expect(core.updates()).toEqual([]);
    // Teams still refreshes the older card when it is read: that costs no message.
    const card = core.engine.viewCard({ actor: core.admin, cardKey: core.key }) as DeadlineNoticeView;
    expect(card.items[0]?.daysLeft).toBe(29);
  });

  it('are superseded only by a card listing every integration they list', async () => {
    const core = await anAttentionCard();
    await core.store.update((state) => {
      const countdown = state.countdowns[core.key];
      if (countdown?.kind === 'deadline') countdown.integrationIds.push('jira');
    });
    await core.passAt('2027-04-03T09:00:00Z');
    expect(core.store.read().countdowns[core.key]?.kind === 'deadline').toBe(true);
    expect(core.store.read().countdowns[core.key]).not.toHaveProperty('supersededAt');
  });
});
