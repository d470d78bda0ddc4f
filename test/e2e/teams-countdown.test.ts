import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  CHANNEL_CONVERSATION,
  executeInvoke,
  messageActivity,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import type { fixedClock } from '../fakes/clock.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
let t: TeamsBot;
const clock = () => t.bot.core.deps.clock as ReturnType<typeof fixedClock>;
const say = (from: typeof ADA, words: string, scope: 'personal' | 'channel' = 'channel') =>
  t.post(messageActivity({ serviceUrl: t.serviceUrl, from, scope, text: words }));

beforeAll(async () => {
  t = await startTeamsBot();
  await say(ADA, 'notify here');
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t?.close();
});

describe('Teams: digest and live countdowns', () => {
  it('digest answers an admin with the card now, and a member with a refusal', async () => {
    const quiet = await say(ADA, 'digest', 'personal');
    expect(quiet.status).toBe(200);
    await until(
      () => t.connector.calls.some((c) => shownText(c.body).includes('Nothing to report')),
      'nothing',
    );
    await say(BOB, 'request jira because we track bugs there', 'personal');
    await say(ADA, 'digest', 'personal');
    await until(
      () => t.connector.calls.some((c) => shownText(c.body).includes('Most requested: Jira')),
      'digest',
    );
    const card = t.connector.calls.find((c) => shownText(c.body).includes('Most requested: Jira'));
    expect(shownText(card?.body)).toMatch(/Weekly digest, 2 May 2024/);
    expect(findAll(card?.body, 'Action.Execute').map((a) => a.title)).toEqual(
      expect.arrayContaining(['Approve for all', 'Deny']),
    );
    await say(BOB, 'digest', 'personal');
    await until(
      () => t.connector.calls.some((c) => /Only system admins can see the digest/.test(shownText(c.body))),
      'refusal',
    );
  });

  it('a deadline card refreshes through refreshCountdown and shows the days left of the day it is read', async () => {
    await say(ADA, 'enable surveymonkey for all', 'personal');
    clock().set('2027-02-01T00:00:00Z');
    const pass = await t.bot.core.runDeadlines();
    // The same pass also expires the Jira request, filed in 2024: only the attention card matters here.
    expect(pass.notices.filter((n) => n.startsWith('attention'))).toHaveLength(1);
    const isAttention = (c: ConnectorCall) =>
      c.method === 'POST' &&
      c.conversationId === CHANNEL_CONVERSATION &&
      shownText(c.body).includes('1 integration needs your attention');
    await until(() => t.connector.calls.some(isAttention), 'the attention card');
    const posted = t.connector.calls.find(isAttention);
    const card = (posted?.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
    expect(shownText(card)).toMatch(/91 days left/);
    const refresh = card?.refresh as {
      action: { verb: string; data: { cardKey: string } };
      userIds?: string[];
    };
    expect(refresh.action.verb).toBe('refreshCountdown');
    // Ada, the one system admin, talks to the bot in her personal chat too: Teams still refreshes it for her.
    expect(refresh.userIds).toEqual([ADA.id]);
    expect(refresh.action.data.cardKey).toBe('deadline:2027-02-01T00:00:00.000Z:attention');

    clock().set('2027-04-26T10:00:00Z');
    const read = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        verb: 'refreshCountdown',
        data: refresh.action.data,
        trigger: 'automatic',
      }),
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(shownText(read.body?.value)).toMatch(/7 days left/);
    expect(shownText(read.body?.value)).not.toMatch(/91 days left/);
    expect((read.body?.value as Json | undefined)?.refresh).toMatchObject({
      action: { verb: 'refreshCountdown', data: refresh.action.data },
    });

    const gone = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        verb: 'refreshCountdown',
        data: { cardKey: 'deadline:2020-01-01T00:00:00.000Z:attention' },
        trigger: 'automatic',
      }),
    );
    expect(shownText(gone.body?.value)).toMatch(/no longer available/);
  });
});
