import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../fakes/clock.js';
import { ADMIN, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

let s: SlackBot;
const clock = fixedClock('2027-01-30T10:00:00Z');
beforeAll(async () => {
  s = await startSlackBot({ clock });
});
afterAll(async () => {
  expect(s.newLimitProblems()).toEqual([]);
  await s.close();
});

const updatesOf = (ts: string) => s.api.callsTo('chat.update').filter((c) => c.args.ts === ts);

describe('Slack: digest and deadline cards counting down', () => {
  it('digest answers an admin with the card now (or nothing to report), a member with a refusal', async () => {
    expect(JSON.stringify(await s.slash(ADMIN, 'digest'))).toMatch(/Nothing to report/);
    await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
    await s.slash(MEMBER, 'request jira because bugs');
    const digest = JSON.stringify(await s.slash(ADMIN, 'digest'));
    expect(digest).toMatch(/Weekly digest, 30 Jan 2027/);
    expect(digest).toMatch(/Most requested: Jira/);
    expect(digest).toMatch(/Approve for all/);
    expect(JSON.stringify(await s.slash(MEMBER, 'digest'))).toMatch(/Only system admins can see the digest/);
  });

  it('sends the weekly digest to the admin channel once, and updates a posted deadline card once a day', async () => {
    await s.slash(ADMIN, 'enable surveymonkey for all');
    clock.set('2027-02-01T00:00:00Z');
    await s.bot.core.runDeadlines();
    const posted = await s.postIn('C0ADMINS', /needs your attention/);
    const ts = String((posted.result as { ts?: string } | undefined)?.ts);
    expect(JSON.stringify(posted.args.blocks)).toMatch(/91 days left/);

    clock.set('2027-02-01T12:00:00Z');
    const monday = await s.bot.core.runScheduledCards(clock.now());
    expect(monday.digest.notices).toEqual(['digest 2027-02-01 → slack:C0ADMINS']);
    expect(monday.countdowns.updates).toEqual([]);
    const digest = await s.postIn('C0ADMINS', /Weekly digest/);
    expect(JSON.stringify(digest.args.blocks)).toMatch(/Most requested: Jira/);

    clock.set('2027-02-02T08:00:00Z');
    expect((await s.bot.core.runScheduledCards(clock.now())).countdowns.updates).toHaveLength(1);
    await s.api.waitForMatch('chat.update', (c) => c.args.ts === ts);
    expect(JSON.stringify(updatesOf(ts)[0]?.args.blocks)).toMatch(/90 days left/);

    clock.set('2027-02-02T20:00:00Z');
    const later = await s.bot.core.runScheduledCards(clock.now());
    expect(later).toMatchObject({ digest: { notices: [] }, countdowns: { updates: [] } });
    await s.bot.core.worker.runOnce();
    expect(updatesOf(ts)).toHaveLength(1);

    clock.set('2027-02-03T08:00:00Z');
    await s.bot.core.runScheduledCards(clock.now());
    await s.api.waitFor('chat.update', 2);
    expect(updatesOf(ts)).toHaveLength(2);
    expect(JSON.stringify(updatesOf(ts)[1]?.args.blocks)).toMatch(/89 days left/);
    expect(
      s.api.callsTo('chat.postMessage').filter((c) => /Weekly digest/.test(String(c.args.text))),
    ).toHaveLength(1);
  });
});
