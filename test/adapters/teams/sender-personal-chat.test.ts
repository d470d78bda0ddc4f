import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { View } from '../../../src/application/views/view.js';
import { BOB, BOT, messageActivity, TENANT_ID } from './activities.js';
import { type Harness, startHarness } from './harness.js';

const notice: View = { kind: 'message', tone: 'info', text: 'Jira was approved for all groups' };
const BOB_ID = `teams:${BOB.aadObjectId}`;
let h: Harness;

const creates = () => h.connector.calls.filter((c) => c.kind === 'createConversation');

beforeEach(async () => {
  h = await startHarness();
  // Bob only ever wrote in a team channel: the bot knows his user id, not a chat with him.
  await h.post(
    messageActivity({ serviceUrl: h.connector.serviceUrl, from: BOB, scope: 'channel', text: 'help' }),
  );
  h.connector.calls.length = 0;
});
afterEach(async () => {
  await h.close();
});

describe('Teams sender: direct messages to a person without a personal chat', () => {
  it('opens the 1:1 chat, remembers it, and posts the card there', async () => {
    const outcome = await h.sender.post({ target: BOB_ID, view: notice });
    const [create, post] = h.connector.calls;
    expect(create).toMatchObject({
      kind: 'createConversation',
      method: 'POST',
      body: {
        isGroup: false,
        bot: { id: BOT.id },
        members: [{ id: BOB.id }],
        tenantId: TENANT_ID,
        channelData: { tenant: { id: TENANT_ID } },
      },
    });
    expect(post).toMatchObject({ kind: 'activity', method: 'POST', conversationId: create?.id });
    expect(JSON.stringify(post?.body)).toContain('Jira was approved for all groups');
    expect(outcome).toEqual({ ok: true, messageId: post?.id });
    expect(h.engine.addresses.get(BOB_ID)).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      conversation: { id: create?.id, conversationType: 'personal', tenantId: TENANT_ID },
      bot: { id: BOT.id },
    });
  });

  it('reuses the opened chat for later messages and updates', async () => {
    await h.sender.post({ target: BOB_ID, view: notice });
    const chat = creates()[0]?.id;
    await h.sender.post({ target: BOB_ID, view: { ...notice, text: 'Zoom was denied' } });
    const updated = await h.sender.update({ target: BOB_ID, messageId: '1:activity-2', view: notice });
    expect(creates()).toHaveLength(1);
    const activities = h.connector.calls.filter((c) => c.kind === 'activity');
    expect(activities.map((c) => [c.method, c.conversationId])).toEqual([
      ['POST', chat],
      ['POST', chat],
      ['PUT', chat],
    ]);
    expect(updated).toEqual({ ok: true, messageId: '1:activity-2' });
  });

  it.each([
    [{ status: 403, code: 'BotNotInConversationRoster' }],
    [{ status: 403, code: 'Forbidden' }],
    [{ status: 404 }],
  ])(
    'reports gone, naming the installation it needs, when Teams refuses the chat with %o',
    async (failure) => {
      h.connector.failNext(failure);
      const outcome = await h.sender.post({ target: BOB_ID, view: notice });
      expect(outcome).toMatchObject({
        ok: false,
        kind: 'gone',
        detail: expect.stringMatching(/refused a 1:1 chat with teams:.*installed for them, or in a team/),
      });
      expect(h.connector.calls).toEqual([]);
    },
  );

  it.each([
    [{ status: 502, code: 'ServiceError' }, 'failed'],
    [{ status: 400, code: 'BadSyntax' }, 'fatal'],
  ])('maps a create failure %o to %s and keeps the member for the next attempt', async (failure, kind) => {
    h.connector.failNext(failure);
    expect(await h.sender.post({ target: BOB_ID, view: notice })).toMatchObject({ ok: false, kind });
    expect(h.engine.addresses.get(BOB_ID)).toMatchObject({ kind: 'member' });
    expect(await h.sender.post({ target: BOB_ID, view: notice })).toMatchObject({ ok: true });
  });

  it('reports a throttled create as rate-limited with the Retry-After delay', async () => {
    h.connector.failNext({ status: 429, code: 'Throttled', retryAfter: '30' });
    expect(await h.sender.post({ target: BOB_ID, view: notice })).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: 30_000,
    });
    expect(creates()).toEqual([]);
  });

  it('maps a failed post in the new chat as any post, keeping the chat for the retry', async () => {
    h.connector.failNext({ status: 503, code: 'ServiceUnavailable', on: 'activity' });
    expect(await h.sender.post({ target: BOB_ID, view: notice })).toMatchObject({
      ok: false,
      kind: 'failed',
    });
    expect(await h.sender.post({ target: BOB_ID, view: notice })).toMatchObject({ ok: true });
    expect(creates()).toHaveLength(1);
  });

  it('gives up on a person the bot never saw, saying it cannot open a chat', async () => {
    const outcome = await h.sender.post({
      target: 'teams:6a1d7c2e-0000-4000-8000-00000000dead',
      view: notice,
    });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'gone',
      detail: expect.stringMatching(/never saw this person in Teams, so it cannot open a chat/),
    });
    expect(h.connector.calls).toEqual([]);
  });
});
