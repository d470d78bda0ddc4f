import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackChannel, createWebClient } from '../../../src/adapters/slack/index.js';
import { createSlackSender } from '../../../src/adapters/slack/sender.js';
import type { Engine } from '../../../src/application/engine.js';
import { sampleOf } from '../../fakes/sample-views.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/slack-api.js';

const TOKEN = 'xoxb-test-token';
let api: FakeSlackApi;
let sender: ReturnType<typeof createSlackSender>;

beforeAll(async () => {
  api = await startFakeSlackApi({ token: TOKEN });
  const config = {
    signingSecret: 's',
    botToken: TOKEN,
    apiUrl: `${api.apiUrl}/`,
    appToken: null,
    publicUrl: 'https://bot.example.com',
  };
  sender = createSlackSender(createWebClient(config, silentLogger));
});
afterAll(() => api.close());
beforeEach(() => api.reset());

describe('Slack sender', () => {
  it('posts a card to a channel with blocks and a text fallback', async () => {
    const outcome = await sender.post({ target: 'slack:C0ADMINS', view: sampleOf('requestNotice') });
    expect(outcome).toEqual({ ok: true, messageId: expect.stringMatching(/^C0ADMINS\/\d+\.\d+$/) });
    const [call] = api.callsTo('chat.postMessage');
    expect(call?.token).toBe(TOKEN);
    expect(call?.args).toMatchObject({ channel: 'C0ADMINS', text: expect.stringContaining('Jira') });
    expect(Array.isArray(call?.args.blocks)).toBe(true);
  });

  it('opens the DM of a person before posting, and keeps the DM channel in the message id', async () => {
    const outcome = await sender.post({ target: 'slack:U0ADA', view: sampleOf('decisionResult') });
    expect(api.callsTo('conversations.open')[0]?.args).toMatchObject({ users: 'U0ADA' });
    expect(api.callsTo('chat.postMessage')[0]?.args.channel).toBe('D0ADA');
    expect(outcome).toMatchObject({ ok: true, messageId: expect.stringMatching(/^D0ADA\//) });
  });

  it('updates a card in place with chat.update', async () => {
    const outcome = await sender.update({
      target: 'slack:C0ADMINS',
      messageId: 'C0ADMINS/1700000000.000100',
      view: sampleOf('requestNotice'),
    });
    expect(outcome).toEqual({ ok: true, messageId: 'C0ADMINS/1700000000.000100' });
    expect(api.callsTo('chat.update')[0]?.args).toMatchObject({
      channel: 'C0ADMINS',
      ts: '1700000000.000100',
    });
  });

  it('refuses to update a message id that is not a Slack one', async () => {
    const outcome = await sender.update({
      target: 'slack:C1',
      messageId: 'garbage',
      view: sampleOf('message'),
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'fatal' });
    expect(api.calls).toEqual([]);
  });

  it('reports HTTP 429 as rate-limited with Retry-After, making one call only', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const outcome = await sender.post({ target: 'slack:C1', view: sampleOf('message') });
    expect(outcome).toMatchObject({ ok: false, kind: 'rate-limited', retryAfterMs: 7000 });
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive'])(
    'reports %s as gone',
    async (error) => {
      api.failNext('chat.postMessage', { error });
      expect(await sender.post({ target: 'slack:C1', view: sampleOf('message') })).toEqual({
        ok: false,
        kind: 'gone',
        detail: error,
      });
    },
  );

  it.each(['invalid_auth', 'not_authed'])('reports %s as fatal', async (error) => {
    api.failNext('chat.update', { error });
    expect(
      await sender.update({ target: 'slack:C1', messageId: 'C1/1.2', view: sampleOf('message') }),
    ).toMatchObject({ ok: false, kind: 'fatal' });
  });

  it('reports other errors as failed, to be retried', async () => {
    api.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await sender.post({ target: 'slack:C1', view: sampleOf('message') })).toEqual({
      ok: false,
      kind: 'failed',
      detail: 'internal_error',
    });
  });

  it('reports a failed DM opening for a deactivated person as gone', async () => {
    api.failNext('conversations.open', { error: 'user_not_found' });
    expect(await sender.post({ target: 'slack:U0GONE', view: sampleOf('message') })).toMatchObject({
      ok: false,
      kind: 'gone',
    });
  });

  it('allows one message a second per channel', () => {
    expect(sender.limits).toEqual([{ count: 1, perMs: 1000 }]);
  });
});

describe('Slack disabled', () => {
  it('mounts nothing and answers fatal with a clear detail when there is no signing secret', async () => {
    const routes: string[] = [];
    const channel = createSlackChannel({
      engine: {} as Engine,
      config: {
        signingSecret: null,
        botToken: null,
        apiUrl: null,
        appToken: null,
        publicUrl: 'https://bot.example.com',
      },
      logger: silentLogger,
    });
    channel.mount({ post: (path: string) => routes.push(path) } as never);
    expect(routes).toEqual([]);
    const outcome = await channel.sender.post({ target: 'slack:C1', view: sampleOf('message') });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'fatal',
      detail: expect.stringContaining('SLACK_SIGNING_SECRET'),
    });
  });
});
