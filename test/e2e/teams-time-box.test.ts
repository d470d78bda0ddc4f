import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  CHANNEL_CONVERSATION,
  executeInvoke,
  messageActivity,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { fixedClock } from '../fakes/clock.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
const BOB_DM = `a:1personal-${BOB.aadObjectId}`;

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

function actionData(card: unknown, verb: string): Json {
  const found = findAll(card, 'Action.Execute').find((a) => a.verb === verb);
  return must(found?.data as Json | undefined, `${verb} button`);
}

const clock = fixedClock('2027-01-01T10:00:00Z');
let t: TeamsBot | null = null;
afterAll(async () => {
  await t?.close();
});

/** Starts (or restarts) the bot on the data directory; people talk to it, so it knows where they are now. */
async function start(dataDir: string): Promise<TeamsBot> {
  const bot = await startTeamsBot({ dataDir, clock });
  await bot.post(messageActivity({ serviceUrl: bot.serviceUrl, scope: 'channel', text: 'help' }));
  await bot.post(messageActivity({ serviceUrl: bot.serviceUrl, from: BOB, text: 'my requests' }));
  return bot;
}

/** A post to the conversation whose card text matches. */
const posted = (conversation: string, pattern: RegExp) => (c: ConnectorCall) =>
  c.method === 'POST' && c.conversationId === conversation && pattern.test(shownText(c.body));

describe('Teams: a time-boxed approval through heads-up, a restart, Let it end and the end', () => {
  it('approves for the duration chosen on the card, warns once, and ends it once', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'teams-timebox-'));
    t = await start(dataDir);
    await t.post(messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'notify here' }));
    await t.post(messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'request jira because bugs' }));

    const approve = messageActivity({
      serviceUrl: t.serviceUrl,
      scope: 'channel',
      text: 'approve jira for all',
    });
    await t.post(approve);
    const step = must(
      t.connector.calls.find((c) => c.activityId === approve.id),
      'the approval step',
    );
    expect(findAll(step.body, 'Input.ChoiceSet')).toEqual([
      expect.objectContaining({ id: 'ends', value: 'none', style: 'compact' }),
    ]);
    // Teams sends the chosen value with the button's data.
    const add = { ...actionData(step.body, 'confirmApprove'), ends: 'days:30' };
    const done = await t.post(
      executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb: 'confirmApprove', data: add }),
    );
    expect(done.status).toBe(200);
    const store = () => must(t, 'bot').bot.core.deps.store.read();
    expect(store().installs.jira?.endsAt).toBe('2027-02-01T00:00:00.000Z');
    await until(
      () => t?.connector.calls.some(posted(BOB_DM, /until 31 Jan 2027/)) ?? false,
      'the approval DM',
    );

    clock.set('2027-01-25T00:00:00Z');
    await t.bot.core.runDeadlines();
    await until(
      () => t?.connector.calls.some(posted(CHANNEL_CONVERSATION, /approval ends in 7 days/)) ?? false,
      'the heads-up',
    );
    const headsUp = must(
      t.connector.calls.find(posted(CHANNEL_CONVERSATION, /approval ends in 7 days/)),
      'heads-up',
    );
    expect(headsUp.body.summary).toBe("Jira's approval ends in 7 days");
    expect(findAll(headsUp.body, 'Input.ChoiceSet')).toEqual([
      expect.objectContaining({ id: 'ends', value: 'days:30' }),
    ]);
    // Its buttons, and the refresh's untitled Action.Execute: the heads-up counts down when read.
    expect(findAll(headsUp.body, 'Action.Execute').map((a) => a.title ?? a.verb)).toEqual([
      'Extend',
      'Let it end',
      'refreshCountdown',
    ]);
    expect(t.cardProblems()).toEqual([]);

    await t.close();
    t = await start(dataDir);
    clock.set('2027-01-26T09:00:00Z');
    expect(await t.bot.core.runDeadlines()).toMatchObject({ changes: [], notices: [] });

    const bobTries = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        verb: 'letTimeBoxEnd',
        data: actionData(headsUp.body, 'letTimeBoxEnd'),
      }),
    );
    expect(shownText(bobTries.body?.value)).toMatch(/Only system admins can extend time-boxed integrations/);
    expect(store().installs.jira?.letEnd).toBeNull();
    const letEnd = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: ADA,
        verb: 'letTimeBoxEnd',
        data: actionData(headsUp.body, 'letTimeBoxEnd'),
      }),
    );
    expect(shownText(letEnd.body?.value)).toMatch(/Ada Lovelace chose to let it end/);
    expect(store().installs.jira?.letEnd).toMatchObject({ by: `teams:${ADA.aadObjectId}` });

    clock.set('2027-02-01T00:00:00Z');
    expect((await t.bot.core.runDeadlines()).changes).toEqual([
      'Jira: disabled at the end of its time box (2027-01-31)',
    ]);
    await until(() => t?.connector.calls.some(posted(BOB_DM, /Jira is off now/)) ?? false, 'the ended DM');
    expect(store().installs.jira).toMatchObject({ status: 'disabled', disabledBy: 'time-box' });

    await t.close();
    t = await start(dataDir);
    clock.set('2027-02-02T00:00:00Z');
    expect(await t.bot.core.runDeadlines()).toMatchObject({ changes: [], notices: [] });
    expect(t.connector.calls.filter(posted(BOB_DM, /is off now/))).toEqual([]);
    expect(t.cardProblems()).toEqual([]);
  });
});
