import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../fakes/clock.js';
import { ADMIN, buttonsOf, type SlackBot, startSlackBot } from './slack-harness.js';

let s: SlackBot;
const clock = fixedClock('2027-05-01T10:00:00Z');
beforeAll(async () => {
  s = await startSlackBot({ clock });
});
afterAll(async () => {
  expect(s.newLimitProblems()).toEqual([]);
  await s.close();
});

const updatesOf = (ts: string) => s.api.callsTo('chat.update').filter((c) => c.args.ts === ts);
const blocksOf = (call: { args: Record<string, unknown> } | undefined) => JSON.stringify(call?.args.blocks);

/** Runs the digest and countdown passes at `at`, then lets the worker deliver what they queued. */
async function scheduledCardsAt(at: string) {
  clock.set(at);
  const report = await s.bot.core.runScheduledCards(clock.now());
  await s.bot.core.worker.runOnce();
  return report.countdowns.updates;
}

describe('Slack: a time-box heads-up counting down', () => {
  it('is updated in place at most once a day through its last day on, then only by its end', async () => {
    await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
    expect(JSON.stringify(await s.slash(ADMIN, 'enable zoom for all until 2027-05-31'))).toMatch(
      /until 31 May 2027/,
    );
    clock.set('2027-05-25T00:00:00Z');
    await s.bot.core.runDeadlines();
    const posted = await s.postIn('C0ADMINS', /^Zoom's approval ends in 7 days/);
    const ts = String((posted.result as { ts?: string } | undefined)?.ts);

    // The day it was posted: nothing to bring up to date.
    expect(await scheduledCardsAt('2027-05-25T12:00:00Z')).toEqual([]);
    expect(await scheduledCardsAt('2027-05-26T08:00:00Z')).toEqual([
      "Zoom's approval ends in 6 days → slack:C0ADMINS",
    ]);
    await s.api.waitForMatch('chat.update', (c) => c.args.ts === ts);
    expect(blocksOf(updatesOf(ts)[0])).toMatch(/ends in 6 days/);
    expect(buttonsOf(updatesOf(ts)[0]?.args.blocks).map((b) => b.verb)).toEqual([
      'extendTimeBox',
      'letTimeBoxEnd',
    ]);
    // Not twice the same day.
    expect(await scheduledCardsAt('2027-05-26T23:00:00Z')).toEqual([]);
    expect(updatesOf(ts)).toHaveLength(1);

    // Days without a pass are skipped, not made up: one update brings it to the last day on.
    expect(await scheduledCardsAt('2027-05-31T08:00:00Z')).toHaveLength(1);
    await s.api.waitFor('chat.update', 2);
    expect(blocksOf(updatesOf(ts)[1])).toMatch(/ends in 1 day\b/);

    // The end updates it to the ended card; the countdown pass sends nothing more.
    clock.set('2027-06-01T00:00:00Z');
    await s.bot.core.runDeadlines();
    expect(await scheduledCardsAt('2027-06-01T08:00:00Z')).toEqual([]);
    await s.api.waitFor('chat.update', 3);
    expect(blocksOf(updatesOf(ts)[2])).toMatch(/Zoom's time box ended/);
    expect(await scheduledCardsAt('2027-06-02T08:00:00Z')).toEqual([]);
    expect(updatesOf(ts)).toHaveLength(3);
    expect(s.bot.core.deps.store.read().countdowns).toHaveProperty(['timebox:zoom:2027-06-01T00:00:00.000Z']);

    // A month after the end it is no longer kept.
    await scheduledCardsAt('2027-07-02T08:00:00Z');
    expect(s.bot.core.deps.store.read().countdowns).toEqual({});
    expect(updatesOf(ts)).toHaveLength(3);
  });
});
