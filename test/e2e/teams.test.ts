import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  APP_ID,
  BOB,
  cardButtonInvoke,
  executeInvoke,
  messageActivity,
  queryLinkInvoke,
} from '../adapters/teams/activities.js';
import { allStrings } from '../adapters/teams/cards/card-checks.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

type Json = Record<string, unknown>;

describe('Teams with an app id (single tenant), through startBot', () => {
  let t: TeamsBot;
  beforeAll(async () => {
    t = await startTeamsBot({ auth: true });
  });
  afterAll(async () => {
    expect(t.cardProblems()).toEqual([]);
    await t.close();
  });

  const bearer = (claims: { audience?: string; expiresInS?: number; serviceUrl?: string } = {}) =>
    t.openId?.bearer({ audience: APP_ID, serviceUrl: t.serviceUrl, ...claims }) ?? '';
  // An invoke is answered in the HTTP response, so no outbound token is needed from Entra ID.
  const unfurl = () =>
    queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://contoso.atlassian.net/browse/IT-1' });
  const request = () =>
    messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'request jira because bugs' });
  const stored = () => {
    const state = t.bot.core.deps.store.read();
    return JSON.stringify([state.requests, state.people]);
  };

  it('accepts an activity carrying a valid channel token', async () => {
    const res = await t.post(unfurl(), { authorization: bearer() });
    expect(res.status).toBe(200);
    expect(allStrings(res.body).join(' ')).toContain('Request Jira');
  });

  it.each([
    ['no token', () => ({})],
    ['an expired token', () => ({ authorization: bearer({ expiresInS: -3600 }) })],
    ['a token for another app', () => ({ authorization: bearer({ audience: 'another-app-id' }) })],
    [
      'a token for another serviceUrl',
      () => ({ authorization: bearer({ serviceUrl: 'https://smba.example/x/' }) }),
    ],
    ['a token that is not a JWT', () => ({ authorization: 'Bearer not-a-token' })],
  ])('refuses %s with 401 and stores nothing', async (_label, headers) => {
    const before = stored();
    const res = await t.post(request(), headers());
    expect(res.status).toBe(401);
    expect(stored()).toBe(before);
    expect(t.connector.calls).toEqual([]);
  });
});

describe('Teams traffic shapes and malformed activities', () => {
  let t: TeamsBot;
  beforeAll(async () => {
    t = await startTeamsBot();
  });
  afterAll(async () => {
    expect(t.cardProblems()).toEqual([]);
    await t.close();
  });

  const healthy = async () => (await fetch(`${t.bot.url}/healthz`)).status;
  const repliesTo = (id: string) => t.connector.calls.filter((c) => c.activityId === id);

  it.each([
    ['an empty object', {}],
    [
      'a message without serviceUrl',
      { ...messageActivity({ serviceUrl: 'x', text: 'help' }), serviceUrl: undefined },
    ],
    ['a serviceUrl that is not a URL', messageActivity({ serviceUrl: 'not a url', text: 'help' })],
    [
      'no conversation',
      { ...messageActivity({ serviceUrl: 'http://127.0.0.1:9/', text: 'help' }), conversation: null },
    ],
    [
      'a from without id',
      { ...messageActivity({ serviceUrl: 'http://127.0.0.1:9/', text: 'help' }), from: {} },
    ],
    ['an array', [1, 2, 3]],
    ['a JSON string', '"message"'],
    ['text that is not JSON', '{"type": "message",'],
  ])('answers 400 to %s and keeps serving', async (_label, body) => {
    const res = await t.post(body);
    expect(res.status).toBe(400);
    expect(await healthy()).toBe(200);
  });

  const withIds = (fields: { conversation?: string; from?: Json; rest?: Json }) => {
    const base = messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'help' });
    const conversation = { ...base.conversation, id: fields.conversation ?? base.conversation.id };
    return { ...base, conversation, from: { ...base.from, ...fields.from }, ...fields.rest };
  };
  it.each([
    ['a blank conversation id', () => withIds({ conversation: '   ' })],
    ['a conversation id with a line break', () => withIds({ conversation: 'a:1x\r\nx-evil: 1' })],
    ['a conversation id over the id limit', () => withIds({ conversation: `a:${'x'.repeat(401)}` })],
    ['a from.id with a space', () => withIds({ from: { id: '29:bob smith' } })],
    ['a non-ASCII aadObjectId', () => withIds({ from: { aadObjectId: 'b0b\u0100' } })],
    ['a serviceUrl with a space', () => withIds({ rest: { serviceUrl: `${t.serviceUrl}a b` } })],
    ['a replyToId with a control character', () => withIds({ rest: { replyToId: '1\u0007' } })],
    [
      'a card button click in conversation "Ā"',
      () => {
        const click = cardButtonInvoke({ serviceUrl: t.serviceUrl, from: BOB, data: { verb: 'x' } });
        return { ...click, conversation: { ...click.conversation, id: '\u0100' } };
      },
    ],
  ])('answers 400 to %s, stores nothing and sends nothing', async (_label, activity) => {
    const before = JSON.stringify(t.bot.core.deps.store.read());
    const calls = t.connector.calls.length;
    const res = await t.post(activity());
    expect(res.status).toBe(400);
    expect(JSON.stringify(t.bot.core.deps.store.read())).toBe(before);
    expect(t.connector.calls.length).toBe(calls);
  });

  it('answers a message without aadObjectId, entities or channelData, using the Bot Framework id', async () => {
    const full = messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'my requests' });
    const { channelData: _c, entities: _e, ...bare } = full;
    const activity = { ...bare, from: { id: BOB.id, name: BOB.name } };
    expect((await t.post(activity)).status).toBe(200);
    expect(allStrings(repliesTo(activity.id)[0]?.body).join(' ')).toMatch(/Your requests/);
    expect(t.bot.core.deps.store.read().people[`teams:${BOB.id}`]).toBeDefined();
  });

  it('reads a channel message whose mention arrives with &nbsp; and a trailing line break', async () => {
    const activity = messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'help' });
    const text = `${activity.text.replace(' help', '&nbsp;help')}\n`;
    expect((await t.post({ ...activity, text })).status).toBe(200);
    expect(allStrings(repliesTo(activity.id)[0]?.body).join(' ')).toMatch(/Commands/);
  });

  it('ignores a message with only an attachment (no text) without failing', async () => {
    const { text: _t, ...activity } = messageActivity({ serviceUrl: t.serviceUrl, text: 'x' });
    const res = await t.post({
      ...activity,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }],
    });
    expect(res.status).toBe(200);
    expect(repliesTo(activity.id)).toEqual([]);
  });

  it.each([
    ['a typing indicator', { type: 'typing' }],
    ['a reaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
    ['the bot removed from a team', { type: 'conversationUpdate', membersRemoved: [{ id: '28:x' }] }],
    ['an installation update', { type: 'installationUpdate', action: 'add' }],
  ])('takes %s in its stride', async (_label, fields) => {
    const base = messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'x' });
    const { text: _t, entities: _e, ...rest } = base;
    const res = await t.post({ ...rest, ...fields });
    expect(res.status).toBe(200);
    expect(repliesTo(base.id)).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it.each([
    ['no value', undefined],
    ['an action of another type', { action: { type: 'Action.Submit', verb: 'approveRequest', data: {} } }],
    ['no verb', { action: { type: 'Action.Execute', data: {} }, trigger: 'manual' }],
  ])('answers an adaptiveCard/action with %s with an error card', async (_label, value) => {
    const res = await t.post({
      ...executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb: 'x', data: {} }),
      value,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(allStrings(res.body?.value as Json).join(' ')).toMatch(/could not be read/);
  });
});

describe('Teams invokes the bot does not serve', () => {
  let t: TeamsBot;
  beforeAll(async () => {
    t = await startTeamsBot();
  });
  afterAll(() => t.close());

  it.each(['task/fetch', 'composeExtension/query', 'signin/verifyState'])(
    'answers %s with 400 (never a 5xx) and keeps serving',
    async (name) => {
      const res = await t.post({
        ...queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://x.example' }),
        name,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'BadRequest' } });
      expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    },
  );
});
