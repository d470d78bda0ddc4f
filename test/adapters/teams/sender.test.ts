import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { View } from '../../../src/application/views/view.js';
import { CHANNEL_CONVERSATION, messageActivity } from './activities.js';
import { type Harness, startHarness } from './harness.js';

const notice: View = { kind: 'message', tone: 'info', text: 'Jira was requested by Bob' };
const target = `teams:${CHANNEL_CONVERSATION}`;
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  await h.post(
    messageActivity({ serviceUrl: h.connector.serviceUrl, scope: 'channel', text: 'notify here' }),
  );
  h.connector.calls.length = 0;
});
afterEach(async () => {
  await h.close();
});

describe('Teams sender', () => {
  it('posts to the stored channel (not the thread) and returns the connector’s activity id', async () => {
    const outcome = await h.sender.post({ target, view: notice });
    expect(outcome).toEqual({ ok: true, messageId: h.connector.calls[0]?.id });
    expect(h.connector.calls[0]).toMatchObject({
      method: 'POST',
      conversationId: CHANNEL_CONVERSATION,
      activityId: null,
    });
    expect(JSON.stringify(h.connector.cards()[0])).toContain('Jira was requested by Bob');
  });

  it('updates a posted card in place', async () => {
    const outcome = await h.sender.update({
      target,
      messageId: '1:activity-7',
      view: { ...notice, text: 'Approved by Ada' },
    });
    expect(outcome).toEqual({ ok: true, messageId: '1:activity-7' });
    expect(h.connector.calls[0]).toMatchObject({
      method: 'PUT',
      conversationId: CHANNEL_CONVERSATION,
      activityId: '1:activity-7',
    });
  });

  it('reports gone for a target the bot has no address for', async () => {
    const outcome = await h.sender.post({ target: 'teams:19:unknown@thread.tacv2', view: notice });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'gone',
      detail: expect.stringContaining('No Teams conversation'),
    });
  });

  it.each([
    [{ status: 403, code: 'BotNotInConversationRoster' }, 'gone'],
    [{ status: 404, code: 'ConversationNotFound' }, 'gone'],
    [{ status: 502, code: 'ServiceError' }, 'failed'],
    [{ status: 400, code: 'BadArgument' }, 'fatal'],
  ])('maps connector failure %o to %s', async (failure, kind) => {
    h.connector.failNext(failure);
    expect(await h.sender.post({ target, view: notice })).toMatchObject({ ok: false, kind });
  });

  it('reports 429 as rate-limited with the Retry-After delay', async () => {
    h.connector.failNext({ status: 429, code: 'Throttled', retryAfter: '120' });
    expect(await h.sender.post({ target, view: notice })).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: 120_000,
    });
  });

  it('declares Teams limits per conversation: 7 a second and 60 per 30 seconds', () => {
    expect(h.sender.limits).toEqual([
      { count: 7, perMs: 1000 },
      { count: 60, perMs: 30000 },
    ]);
  });
});

describe('Teams sender in local mode', () => {
  it('sends nothing to a stored serviceUrl off loopback (0.0.0.0 included)', async () => {
    const stored = h.engine.addresses.get(target) ?? {};
    const port = new URL(h.connector.serviceUrl).port;
    h.engine.addresses.set(target, { ...stored, serviceUrl: `http://0.0.0.0:${port}/` });
    const outcome = await h.sender.post({ target, view: notice });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'fatal',
      detail: expect.stringContaining('Local mode'),
    });
    expect(h.connector.calls).toEqual([]);
  });
});
