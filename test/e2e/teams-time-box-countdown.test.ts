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
import { fixedClock } from '../fakes/clock.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
type Refresh = { action: { verb: string; data: { cardKey: string } }; userIds?: string[] };

const clock = fixedClock('2027-05-01T10:00:00Z');
let t: TeamsBot;
// Ada only talks in the admin channel: the bot then knows her Teams user id from a member record.
const say = (words: string) =>
  t.post(messageActivity({ serviceUrl: t.serviceUrl, from: ADA, scope: 'channel', text: words }));

beforeAll(async () => {
  t = await startTeamsBot({ clock });
  await say('notify here');
  await say('enable zoom for all until 2027-05-31');
  await say('enable box for all until 2027-05-31');
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t?.close();
});

/** The card of the heads-up posted to the admin channel for `name`. */
async function headsUpOf(name: string): Promise<Json> {
  const isHeadsUp = (c: ConnectorCall) =>
    c.method === 'POST' &&
    c.conversationId === CHANNEL_CONVERSATION &&
    shownText(c.body).includes(`${name}'s approval ends in 7 days`);
  await until(() => t.connector.calls.some(isHeadsUp), `${name}'s heads-up`);
  const posted = t.connector.calls.find(isHeadsUp);
  const card = (posted?.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
  if (!card) throw new Error(`${name}'s heads-up has no card`);
  return card;
}

/** What Teams gets back when it asks for a card again as someone views it. */
async function read(data: { cardKey: string }): Promise<Json | undefined> {
  const answer = await t.post(
    executeInvoke({
      serviceUrl: t.serviceUrl,
      from: BOB,
      verb: 'refreshCountdown',
      data,
      trigger: 'automatic',
    }),
  );
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return answer.body?.value as Json | undefined;
}

describe('Teams: a time-box heads-up counting down', () => {
  it('refreshes through refreshCountdown: the days left of the day it is read, then the moved or ended card', async () => {
    clock.set('2027-05-25T00:00:00Z');
    const pass = await t.bot.core.runDeadlines();
    expect(pass.notices.filter((n) => n.startsWith('time-box-heads-up'))).toHaveLength(2);
    const zoom = await headsUpOf('Zoom');
    const refresh = zoom.refresh as Refresh;
    expect(refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refreshCountdown',
        data: { cardKey: 'timebox:zoom:2027-06-01T00:00:00.000Z' },
      },
      // Ada, the one system admin, was seen in the team channel: Teams refreshes it for her by itself.
      userIds: [ADA.id],
    });

    // Teams copies are never re-sent by the daily countdown pass: they refresh when read.
    clock.set('2027-05-28T10:00:00Z');
    expect((await t.bot.core.runScheduledCards(clock.now())).countdowns.updates).toEqual([]);
    const later = await read(refresh.action.data);
    expect(shownText(later)).toMatch(/Zoom's approval ends in 4 days/);
    expect(shownText(later)).not.toMatch(/7 days/);
    // Its buttons, beside the refresh's own (untitled) Action.Execute.
    expect(findAll(later, 'Action.Execute').flatMap((a) => (a.title ? [a.title] : []))).toEqual([
      'Extend',
      'Let it end',
    ]);
    expect(later?.refresh).toMatchObject({ action: { verb: 'refreshCountdown', data: refresh.action.data } });

    // Extend on Box's card: read again, it says where the end moved, with no buttons and no refresh.
    const box = await headsUpOf('Box');
    const extend = findAll(box, 'Action.Execute').find((a) => a.verb === 'extendTimeBox');
    const extended = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: ADA,
        verb: 'extendTimeBox',
        data: { ...(extend?.data as Json), ends: 'days:30' },
      }),
    );
    expect(shownText(extended.body?.value)).toMatch(/Box's time box moved/);
    const moved = await read((box.refresh as Refresh).action.data);
    expect(shownText(moved)).toMatch(/It was to end after 31 May 2027; it now stays on until 30 Jun 2027/);
    expect(findAll(moved, 'Action.Execute')).toEqual([]);
    expect(moved).not.toHaveProperty('refresh');

    clock.set('2027-06-01T00:00:00Z');
    await t.bot.core.runDeadlines();
    const ended = await read(refresh.action.data);
    expect(shownText(ended)).toMatch(/Zoom's time box ended/);
    expect(findAll(ended, 'Action.Execute')).toEqual([]);
    expect(ended).not.toHaveProperty('refresh');

    const unknown = await read({ cardKey: 'timebox:zoom:2020-01-01T00:00:00.000Z' });
    expect(shownText(unknown)).toMatch(/no longer available/);
  });
});
