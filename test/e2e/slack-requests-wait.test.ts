import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions } from '../adapters/slack/payloads.js';
import { fixedClock } from '../fakes/clock.js';
import { ADMIN, ADMIN2, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

const FILED = Date.parse('2027-01-04T09:00:00Z');
const DAY = 86_400_000;
const clock = fixedClock(new Date(FILED));
let s: SlackBot;

/** Moves the clock to `days` after filing and runs the scheduled passes, as the minute timer does. */
function passAt(days: number) {
  clock.set(new Date(FILED + days * DAY));
  return s.bot.core.runDeadlines();
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

beforeAll(async () => {
  s = await startSlackBot({ clock });
  await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
  await s.slash(ADMIN, `admin add <@${ADMIN2}>`, 'C0ADMINS', 'admins');
});
afterAll(async () => {
  expect(s.newLimitProblems()).toEqual([]);
  await s.close();
});

describe('Slack: a request nobody decides', () => {
  it('is raised again in the admin channel, then sent to each admin directly, once each', async () => {
    await s.slash(MEMBER, 'request jira because we track bugs there');
    await s.postIn('C0ADMINS', /^Request for Jira/);
    expect((await passAt(2)).notices).toEqual([expect.stringMatching(/^reminder \(Jira/)]);
    const reminder = await s.postIn('C0ADMINS', /Waiting 2 days/);
    expect(buttonsOf(reminder.args.blocks).map((b) => b.verb)).toContain('approveRequest');
    expect((await passAt(4)).notices).toEqual([]);
    expect((await passAt(5)).notices).toEqual([
      expect.stringMatching(new RegExp(`^escalation \\(Jira, .*\\) → slack:${ADMIN}, slack:${ADMIN2}$`)),
    ]);
    for (const admin of [ADMIN, ADMIN2]) {
      await s.api.waitForMatch('conversations.open', (c) => c.args.users === admin);
    }
    await s.api.waitForMatch(
      'chat.postMessage',
      (c) => String(c.args.text).includes('Waiting 5 days') && c.args.channel !== 'C0ADMINS',
    );
    expect((await passAt(6)).notices).toEqual([]);
  });

  it('expires it: the requester is told with Request again, the admin card says Expired, and one click asks again', async () => {
    const expiry = await passAt(30);
    expect(expiry.changes).toEqual([expect.stringMatching(/^Jira: request .* expired after 30 days$/)]);
    const told = await s.api.waitForMatch('chat.postMessage', (c) =>
      String(c.args.text).includes('Your request for Jira expired'),
    );
    const again = must(
      buttonsOf(told.args.blocks).find((b) => b.verb === 'requestAgain'),
      'the Request again button',
    );
    const updated = await s.api.waitForMatch(
      'chat.update',
      (c) => c.args.channel === 'C0ADMINS' && /Expired on 3 Feb 2027/.test(String(c.args.text)),
    );
    expect(buttonsOf(updated.args.blocks)).toEqual([]);

    const responseUrl = s.nextResponseUrl();
    const click = await s.click(
      blockActions({
        user: MEMBER,
        button: again,
        channel: String(told.result?.channel),
        messageTs: String(told.result?.ts),
        responseUrl,
      }),
    );
    expect(click.status).toBe(200);
    // The clicked message becomes the receipt.
    await s.api.waitForMatch(
      'chat.update',
      (c) =>
        c.args.channel === told.result?.channel &&
        c.args.ts === told.result?.ts &&
        String(c.args.text).includes('Your request for Jira was sent to the admins'),
    );
    const state = s.bot.core.deps.store.read();
    expect(state.requests[state.openRequests.jira ?? '']?.requesters[0]).toMatchObject({
      personId: `slack:${MEMBER}`,
      reason: 'we track bugs there',
    });
  });

  it('lists my requests with state and dates, and offers Request again only where no newer one is open', async () => {
    await s.slash(ADMIN, 'deny jira because we use Linear', 'C0ADMINS', 'admins');
    const answer = JSON.stringify(await s.slash(MEMBER, 'my requests'));
    expect(answer).toContain('Your requests');
    expect(answer).toContain('Asked 3 Feb 2027 · denied 3 Feb 2027 by Ada: we use Linear');
    expect(answer).toContain('Asked 4 Jan 2027 · expired 3 Feb 2027: no decision in time');
    expect(answer).toContain('requestAgain');
  });
});
