import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appHomeOpened,
  blockActions,
  directMessage,
  eventCallback,
  linkShared,
  slashCommand,
  viewSubmission,
} from '../adapters/slack/payloads.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';
import { postToSlackEndpoint } from '../fakes/slack-signing.js';
import { ADMIN, buttonsOf, MEMBER, SECRET } from './slack-harness.js';
import { APP_TOKEN, type SocketSlackBot, startSocketSlackBot } from './slack-socket-harness.js';

/**
 * Slack over Socket Mode, against a local Socket Mode server speaking Slack's protocol: the same
 * listeners as over HTTP, envelopes acknowledged (a slash command's quick answer in the ack),
 * reconnections after a drop or a `disconnect`, retries acting once, malformed frames refused.
 */
let s: SocketSlackBot;
beforeAll(async () => {
  s = await startSocketSlackBot();
  await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
});
afterAll(() => s?.close());

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** Files a request as the member and returns the notice the outbox posted in the admin channel. */
async function requestNotice(integration: string, reason: string) {
  await s.slash(MEMBER, `request ${integration.toLowerCase()} because ${reason}`);
  const posted = await s.postIn('C0ADMINS', new RegExp(`^Request for ${integration}`));
  return {
    channel: String(posted.result?.channel),
    ts: String(posted.result?.ts),
    blocks: posted.args.blocks,
  };
}

describe('connecting', () => {
  it('opens the socket with the app token, never the bot token', () => {
    const [open] = s.api.history.filter((c) => c.method === 'apps.connections.open');
    expect(must(open, 'apps.connections.open').token).toBe(APP_TOKEN);
    expect(s.socket.refused()).toBe(0);
  });

  it('leaves POST /slack/events off without a signing secret: 404, nothing handled', async () => {
    const form = slashCommand({
      user: ADMIN,
      channel: 'C0X',
      text: 'help',
      responseUrl: s.api.responseUrl('x'),
    });
    const res = await postToSlackEndpoint({ url: s.bot.url, secret: SECRET, body: { form } });
    expect(res.status).toBe(404);
    expect(s.api.callsTo('response:x')).toEqual([]);
  });
});

describe('envelopes', () => {
  it("answers a slash command in the ack's payload", async () => {
    const ack = await s.socket.send(
      'slash_commands',
      slashCommand({ user: MEMBER, channel: 'C0GENERAL', text: 'help', responseUrl: s.api.responseUrl('h') }),
    );
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', blocks: expect.any(Array) });
    expect(JSON.stringify(ack.payload)).toMatch(/request/i);
    expect(s.api.callsTo('response:h')).toEqual([]);
  });

  it('files a request from a direct message, and an admin click approves it', async () => {
    const ack = await s.event(
      directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'request dropbox because files' }),
    );
    expect(ack).toEqual({ envelope_id: expect.any(String), payload: {} });
    const notice = await s.postIn('C0ADMINS', /^Request for Dropbox/);
    const all = must(
      buttonsOf(notice.args.blocks).find((b) => b.verb === 'approveRequest' && b.data.scope === 'all'),
      'Approve for all groups',
    );
    const where = { channel: 'C0ADMINS', messageTs: String(notice.result?.ts) };
    const first = s.nextResponseUrl();
    await s.interact(blockActions({ user: ADMIN, button: all, responseUrl: first, ...where }));
    const add = must(
      buttonsOf((await s.answerOn(first)).blocks).find((b) => b.verb === 'confirmApprove'),
      'Add button',
    );
    await s.interact(blockActions({ user: ADMIN, button: add, responseUrl: s.nextResponseUrl(), ...where }));
    await s.api.waitForMatch('chat.update', (c) =>
      /^Request for Dropbox.*Approved by Ada for all groups/.test(String(c.args.text)),
    );
    const request = Object.values(s.bot.core.deps.store.read().requests).find(
      (r) => r.integrationId === 'dropbox',
    );
    expect(request?.decision?.by).toBe(`slack:${ADMIN}`);
  });

  it('refuses a member clicking an admin button: the role is checked again on the server', async () => {
    const notice = await requestNotice('Quip', 'docs');
    const all = must(
      buttonsOf(notice.blocks).find((b) => b.verb === 'approveRequest' && b.data.scope === 'all'),
      'Approve for all groups',
    );
    const responseUrl = s.nextResponseUrl();
    const where = { channel: notice.channel, messageTs: notice.ts, responseUrl };
    await s.interact(blockActions({ user: MEMBER, button: all, ...where }));
    expect(JSON.stringify(await s.answerOn(responseUrl))).toMatch(/admin/i);
    const request = Object.values(s.bot.core.deps.store.read().requests).find(
      (r) => r.integrationId === 'quip',
    );
    expect(request?.decision).toBeFalsy();
  });

  it('denies through the modal (view_submission), the reason required first', async () => {
    s.api.reset();
    const notice = await requestNotice('Zoom', 'calls');
    const deny = must(
      buttonsOf(notice.blocks).find((b) => b.verb === 'denyRequest'),
      'Deny',
    );
    await s.interact(
      blockActions({ user: ADMIN, button: deny, channel: notice.channel, messageTs: notice.ts }),
    );
    const [opened] = await s.api.waitFor('views.open');
    const modal = must(opened, 'views.open').args.view as Parameters<typeof viewSubmission>[0]['view'];
    const empty = { reason: { value: { type: 'plain_text_input', value: '  ' } } };
    const refused = await s.interact(viewSubmission({ user: ADMIN, view: modal, values: empty }));
    expect(refused.payload).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.any(String) },
    });
    const values = { reason: { value: { type: 'plain_text_input', value: 'We use Teams meetings' } } };
    const ack = await s.interact(viewSubmission({ user: ADMIN, view: modal, values }));
    expect(ack.payload).toEqual({});
    await s.api.waitForMatch('chat.update', (c) =>
      /^Request for Zoom.*Denied by Ada.*We use Teams meetings/.test(String(c.args.text)),
    );
  });

  it('answers a mention in its thread, publishes App Home, unfurls a catalog link', async () => {
    s.api.reset();
    await s.event({
      ...directMessage({ user: MEMBER, channel: 'C0GENERAL', text: '<@UBOT> help' }),
      type: 'app_mention',
      channel_type: 'channel',
    });
    const answer = await s.api.waitForMatch('chat.postMessage', (c) => c.args.channel === 'C0GENERAL');
    expect(answer.args.thread_ts).toEqual(expect.any(String));
    await s.event(appHomeOpened({ user: ADMIN, channel: 'D0ADMIN' }));
    const [home] = await s.api.waitFor('views.publish');
    expect(must(home, 'views.publish').args.user_id).toBe(ADMIN);
    await s.event(
      linkShared({ user: MEMBER, channel: 'C0GENERAL', urls: ['https://acme.atlassian.net/browse/X-1'] }),
    );
    const [unfurl] = await s.api.waitFor('chat.unfurl');
    expect(JSON.stringify(must(unfurl, 'chat.unfurl').args.unfurls)).toMatch(/Jira/);
  });

  it('acts once on an event Slack retries (same event_id, retry_attempt 1)', async () => {
    s.api.reset();
    const dm = directMessage({ user: MEMBER, channel: 'D0RETRY', text: 'help' });
    await s.event(dm, { eventId: 'Ev0RETRIED' });
    const first = await s.api.waitForMatch('chat.postMessage', (c) => c.args.channel === 'D0RETRY');
    const retry = await s.event(dm, { eventId: 'Ev0RETRIED', retryAttempt: 1, retryReason: 'timeout' });
    expect(retry.envelope_id).toEqual(expect.any(String));
    // A later message to the same conversation marks the point by which a second answer would be out.
    await s.event(directMessage({ user: MEMBER, channel: 'D0RETRY', text: 'my requests' }));
    await s.api.waitForMatch(
      'chat.postMessage',
      (c) => c.args.channel === 'D0RETRY' && c.args.text !== first.args.text,
    );
    expect(s.api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0RETRY')).toHaveLength(2);
  });
});

describe('malformed frames', () => {
  it('acknowledges and ignores envelopes of no known shape, and keeps working', async () => {
    s.api.reset();
    const frames: [string, string | null][] = [
      ['{"envelope_id":"bad-1","type":"events_api","payload":{"type":"event_callback"}}', 'bad-1'],
      ['{"envelope_id":"bad-2","type":"events_api","payload":null}', 'bad-2'],
      ['{"envelope_id":"bad-3","type":"slash_commands","payload":"text"}', 'bad-3'],
      ['{"envelope_id":"bad-4","type":"close","payload":{}}', 'bad-4'],
      ['{"envelope_id":"bad-5","type":"ws_message","payload":{}}', 'bad-5'],
      ['null', null],
      ['not json at all', null],
      ['{"type":"interactive","payload":{}}', null],
    ];
    for (const [frame] of frames) s.socket.sendRaw(frame);
    for (const [, id] of frames) if (id) expect(await s.socket.ackOf(id, 5_000)).toEqual({ envelope_id: id });
    // Shapes the socket takes but the payload guard refuses: acknowledged without acting.
    const noUser = {
      ...slashCommand({ user: MEMBER, channel: 'C0X', text: 'help', responseUrl: 'x' }),
      user_id: '',
    };
    expect((await s.socket.send('slash_commands', noUser)).payload ?? {}).toEqual({});
    const proto = { ...directMessage({ user: MEMBER, channel: 'D0X', text: 'help' }), user: '__proto__' };
    await s.event(proto);
    const click = await s.interact({ type: 'block_actions', user: { id: 'lower-case' }, actions: [] });
    expect(click.payload ?? {}).toEqual({});
    expect((await s.slash(MEMBER, 'help')).blocks).toEqual(expect.any(Array));
    expect(s.api.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    expect(s.socket.opened()).toBe(1);
  });
});

describe('reconnecting', () => {
  it('opens a new connection after a drop and works on it', async () => {
    const before = s.socket.opened();
    s.socket.drop();
    await s.socket.waitForConnections(before + 1);
    expect((await s.slash(MEMBER, 'help')).blocks).toEqual(expect.any(Array));
  });

  it.each(['refresh_requested', 'warning'] as const)(
    'reconnects when Slack sends disconnect (%s)',
    async (reason) => {
      const before = s.socket.opened();
      s.socket.disconnect(reason);
      await s.socket.waitForConnections(before + 1);
      const opens = s.api.history.filter((c) => c.method === 'apps.connections.open');
      expect(opens.length).toBe(before + 1);
      expect((await s.slash(MEMBER, 'help')).blocks).toEqual(expect.any(Array));
    },
  );
});

describe('apps.connections.open refused while reconnecting', () => {
  it('logs it, tries again, and is connected and working afterwards', async () => {
    const before = s.socket.opened();
    // invalid_auth is one the client gives up on: its own reconnection would stop for good.
    s.api.failNext('apps.connections.open', { error: 'invalid_auth' });
    s.socket.drop();
    await s.socket.waitForConnections(before + 1, 20_000);
    const opens = s.api.history.filter((c) => c.method === 'apps.connections.open');
    expect(opens.at(-2)?.result).toBeUndefined();
    expect((await s.slash(MEMBER, 'help')).blocks).toEqual(expect.any(Array));
  }, 30_000);
});

describe('HTTP and Socket Mode at once', () => {
  it('serves both through one set of listeners: an event retried over the other transport acts once', async () => {
    const both = await startSocketSlackBot({ signingSecret: SECRET });
    try {
      const form = slashCommand({
        user: MEMBER,
        channel: 'C0X',
        text: 'help',
        responseUrl: 'https://x.invalid',
      });
      const res = await postToSlackEndpoint({ url: both.bot.url, secret: SECRET, body: { form } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/blocks/);
      expect((await both.slash(MEMBER, 'help')).blocks).toEqual(expect.any(Array));
      const dm = directMessage({ user: MEMBER, channel: 'D0BOTH', text: 'help' });
      await both.event(dm, { eventId: 'Ev0BOTH' });
      const first = await both.api.waitForMatch('chat.postMessage', (c) => c.args.channel === 'D0BOTH');
      const json = eventCallback(dm, { eventId: 'Ev0BOTH' });
      const retried = await postToSlackEndpoint({
        url: both.bot.url,
        secret: SECRET,
        body: { json },
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retried.status).toBe(200);
      await both.event(directMessage({ user: MEMBER, channel: 'D0BOTH', text: 'my requests' }));
      await both.api.waitForMatch(
        'chat.postMessage',
        (c) => c.args.channel === 'D0BOTH' && c.args.text !== first.args.text,
      );
      expect(both.api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0BOTH')).toHaveLength(2);
    } finally {
      await both.close();
    }
  });
});

describe('a wrong app token', () => {
  it('logs that Socket Mode could not connect, without the token, and the server stays up', async () => {
    const logger = createCaptureLogger();
    const wrong = await startSocketSlackBot({ appToken: 'xapp-1-A0001-1-wrong', logger });
    try {
      for (let i = 0; i < 500 && !/could not connect/.test(logger.text()); i += 1)
        await new Promise((r) => setTimeout(r, 10));
      expect(logger.text()).toMatch(/Slack Socket Mode could not connect.*invalid_auth/);
      expect(logger.text()).not.toContain('xapp-1-A0001-1-wrong');
      expect(wrong.socket.opened()).toBe(0);
      expect((await fetch(`${wrong.bot.url}/healthz`)).status).toBeLessThan(500);
    } finally {
      await wrong.close();
    }
  });
});
