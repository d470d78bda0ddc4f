import { mkdtemp, rm } from 'node:fs/promises';
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
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

const BOB_DM = `a:1personal-${BOB.aadObjectId}`;
const FILED = Date.parse('2024-05-02T10:42:00Z');
const DAY = 86_400_000;
const problems: string[] = [];
let dataDir = '';

/** Moves the bot's clock to `days` after filing and runs the scheduled passes, as the minute timer does. */
async function passAt(t: TeamsBot, days: number) {
  (t.bot.core.deps.clock as unknown as { set(at: Date): void }).set(new Date(FILED + days * DAY));
  return t.bot.core.runDeadlines();
}

const callsWhere = (t: TeamsBot, check: (c: ConnectorCall) => boolean) => t.connector.calls.filter(check);
async function waitFor(t: TeamsBot, check: (c: ConnectorCall) => boolean, what: string) {
  await until(() => t.connector.calls.some(check), what);
  return callsWhere(t, check);
}

afterAll(async () => {
  expect(problems).toEqual([]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Teams: a request nobody decides', () => {
  it('is raised again, escalated, expires across a restart, and is asked again in one click', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'teams-wait-'));
    let t = await startTeamsBot({ dataDir });
    await t.post(messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'notify here' }));
    await t.post(messageActivity({ serviceUrl: t.serviceUrl, text: 'hello' }));
    await t.post(
      messageActivity({
        serviceUrl: t.serviceUrl,
        from: BOB,
        text: 'request jira because we track bugs there',
      }),
    );
    await waitFor(
      t,
      (c) =>
        c.conversationId === CHANNEL_CONVERSATION && shownText(c.body).includes('Integration request: Jira'),
      'the first card',
    );

    const reminder = await passAt(t, 2);
    expect(reminder.notices).toEqual([expect.stringMatching(/^reminder \(Jira/)]);
    const raised = await waitFor(
      t,
      (c) =>
        c.conversationId === CHANNEL_CONVERSATION &&
        c.method === 'POST' &&
        shownText(c.body).includes('Waiting 2 days'),
      'the reminder card',
    );
    expect(raised).toHaveLength(1);
    expect(findAll(raised[0]?.body, 'Action.Execute').map((a) => a.verb)).toContain('approveRequest');
    expect((await passAt(t, 3)).notices).toEqual([]);

    const escalation = await passAt(t, 5);
    expect(escalation.notices).toEqual([expect.stringMatching(/^escalation \(Jira, .*\) → teams:/)]);
    await waitFor(
      t,
      (c) => c.conversationId !== CHANNEL_CONVERSATION && shownText(c.body).includes('Waiting 5 days'),
      'the escalation DM',
    );
    problems.push(...t.cardProblems());
    await t.close();

    // A restart: the next process starts on the same data directory and must not send anything twice.
    t = await startTeamsBot({ dataDir });
    // The fake connector of the new process listens elsewhere: people talking again refresh its address.
    for (const [from, scope] of [
      [BOB, 'personal'],
      [ADA, 'channel'],
    ] as const)
      await t.post(messageActivity({ serviceUrl: t.serviceUrl, from, scope, text: 'help' }));
    expect((await passAt(t, 6)).notices).toEqual([]);
    const expiry = await passAt(t, 30);
    expect(expiry.changes).toEqual([expect.stringMatching(/^Jira: request .* expired after 30 days$/)]);
    const [told] = await waitFor(
      t,
      (c) => c.conversationId === BOB_DM && shownText(c.body).includes('Your request for Jira expired'),
      'the expired DM',
    );
    const again = findAll(told?.body, 'Action.Execute').find((a) => a.verb === 'requestAgain');
    expect(again?.title).toBe('Request again');
    const updated = await waitFor(
      t,
      (c) =>
        c.conversationId === CHANNEL_CONVERSATION &&
        c.method === 'PUT' &&
        shownText(c.body).includes('Expired on'),
      'the admin card updated in place',
    );
    expect(
      findAll(updated.at(-1)?.body, 'Action.Execute').filter((a) => a.verb === 'approveRequest'),
    ).toEqual([]);
    expect((await passAt(t, 31)).notices).toEqual([]);

    const click = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'requestAgain',
        data: again?.data,
      }),
    );
    expect(shownText(click.body)).toMatch(/Your request for Jira was sent to the admins/);
    const state = t.bot.core.deps.store.read();
    const renewed = state.requests[state.openRequests.jira ?? ''];
    expect(renewed?.requesters[0]).toMatchObject({
      personId: `teams:${BOB.aadObjectId}`,
      reason: 'we track bugs there',
    });

    const mine = messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'my requests' });
    await t.post(mine);
    const list = shownText(t.connector.calls.find((c) => c.activityId === mine.id)?.body);
    expect(list).toMatch(/Your requests/);
    expect(list).toMatch(/expired/);
    expect(list).toMatch(/Asked 2 May 2024 · expired 1 Jun 2024: no decision in time/);
    expect(list).toMatch(/waiting for a decision/);

    const late = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: ADA,
        verb: 'confirmApprove',
        data: { requestId: Object.keys(state.requests)[0], scope: 'all' },
      }),
    );
    // The clicked card turns into the expired one; the refusal follows as a message.
    expect(shownText(late.body)).toMatch(/Expired on 1 Jun 2024/);
    await waitFor(
      t,
      (c) => /expired on 1 Jun 2024 without a decision; nothing was changed/.test(shownText(c.body)),
      'the refusal',
    );
    expect(t.bot.core.deps.store.read().installs.jira).toBeUndefined();
    problems.push(...t.cardProblems());
    await t.close();
  }, 60_000);
});
