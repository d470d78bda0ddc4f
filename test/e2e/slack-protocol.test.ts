import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  appMention,
  directMessage,
  eventCallback,
  linkShared,
  slashCommand,
} from '../adapters/slack/payloads.js';
import { slackNow, slackSignature } from '../fakes/slack-signing.js';
import { ADMIN, ADMIN2, MEMBER, SECRET, type SlackBot, startSlackBot } from './slack-harness.js';

let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

const click = {
  type: 'block_actions',
  user: { id: MEMBER },
  actions: [{ action_id: 'approveRequest:1', value: '{"verb":"approveRequest","data":{}}' }],
};
const submission = {
  type: 'view_submission',
  user: { id: MEMBER },
  view: { id: 'V1', callback_id: 'action-form', private_metadata: '{}', state: { values: {} } },
};

describe('POST /slack/events: Slack protocol', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await s.send({ json: { token: 't', challenge: 'c-123', type: 'url_verification' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers ssl_check', async () => {
    const res = await fetch(`${s.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=t',
    });
    expect(res.status).toBe(200);
  });

  it('refuses a bad signature with 401 and does nothing', async () => {
    const body = JSON.stringify(
      eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'help' })),
    );
    const headers = slackSignature({ secret: 'wrong-secret', body, timestamp: slackNow() });
    const res = await fetch(`${s.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a signature older than five minutes with 401', async () => {
    const res = await s.send(
      { json: eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'help' })) },
      { timestamp: slackNow(-6 * 60) },
    );
    expect(res.status).toBe(401);
  });

  it('refuses an unsigned request with 401', async () => {
    const res = await fetch(`${s.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ['not JSON', { raw: 'this is not json' }],
    ['an unknown shape', { json: { hello: 'world' } }],
    [
      'an event_callback without an event',
      { json: { type: 'event_callback', event_id: 'Ev1', team_id: 'T1' } },
    ],
    ['an event that is not an object', { json: { type: 'event_callback', event_id: 'Ev2', event: 'boom' } }],
    ['a payload field that is not JSON', { form: { payload: '{not json' } }],
    [
      'block_actions without actions',
      { form: { payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [] }) } },
    ],
    ['JSON null', { json: null }],
    ['a payload field of null', { form: { payload: 'null' } }],
    [
      'block_actions whose channel is null',
      {
        form: {
          payload: JSON.stringify({
            type: 'block_actions',
            user: { id: 'U1' },
            channel: null,
            actions: [{ action_id: 'x:1' }],
          }),
        },
      },
    ],
    [
      'an event whose channel is null',
      { json: eventCallback({ type: 'app_mention', user: MEMBER, channel: null }) },
    ],
    [
      'an event_callback whose authorizations hold null',
      { json: { ...eventCallback({ type: 'app_home_opened', user: MEMBER }), authorizations: [null] } },
    ],
    ['app_home_opened whose user is null', { json: eventCallback({ type: 'app_home_opened', user: null }) }],
    [
      'a message whose channel is a lone surrogate',
      { json: eventCallback(directMessage({ user: MEMBER, channel: '\ud800', text: 'help' })) },
    ],
    [
      'a slash command whose team_id is __proto__',
      {
        form: {
          ...slashCommand({
            user: MEMBER,
            channel: 'C0GENERAL',
            text: 'help',
            responseUrl: 'http://127.0.0.1:9/r',
          }),
          team_id: '__proto__',
        },
      },
    ],
    [
      'an event whose team_id is constructor',
      {
        json: {
          ...eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'help' })),
          team_id: 'constructor',
        },
      },
    ],
    [
      'an event whose user is lower-case',
      { json: eventCallback(directMessage({ user: 'u0x', channel: 'D0MEMBER', text: 'help' })) },
    ],
    [
      'block_actions whose container is 0 and channel id false',
      { form: { payload: JSON.stringify({ ...click, container: 0, channel: { id: false } }) } },
    ],
    [
      'view_submission whose response_urls is null',
      { form: { payload: JSON.stringify({ ...submission, response_urls: null }) } },
    ],
    [
      'view_submission whose team is not an object',
      { form: { payload: JSON.stringify({ ...submission, team: 'T1' }) } },
    ],
  ])('answers 400 to a signed body that is %s, and stays up', async (_name, body) => {
    const res =
      'raw' in body
        ? await (async () => {
            const raw = body.raw as string;
            const headers = slackSignature({ secret: SECRET, body: raw, timestamp: slackNow() });
            return fetch(`${s.bot.url}/slack/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: raw,
            });
          })()
        : await s.send(body as never);
    expect(res.status).toBe(400);
    expect((await fetch(`${s.bot.url}/healthz`)).status).toBe(200);
  });

  it('acknowledges a click no listener matches instead of leaving Slack to time out', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: MEMBER, name: 'max' },
      actions: [{ action_id: 'not-a-verb', value: '{}', type: 'button' }],
    };
    const res = await s.send({ form: { payload: JSON.stringify(payload) } });
    expect(res.status).toBe(200);
  });

  it('acts once on an event retried with X-Slack-Retry-Num', async () => {
    s.api.reset();
    const payload = eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'provider' }));
    expect((await s.send({ json: payload })).status).toBe(200);
    await s.api.waitFor('chat.postMessage');
    const retry = await s.send(
      { json: payload },
      { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
    );
    expect(retry.status).toBe(200);
    const again = eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'help' }));
    await s.send({ json: again });
    const posts = await s.api.waitFor('chat.postMessage', 2);
    expect(posts.map((p) => p.args.text)).toEqual([
      expect.stringMatching(/provider/i),
      expect.stringMatching(/^Commands/),
    ]);
  });

  it('records the event id of a message that changes something in the write of that change', async () => {
    s.api.reset();
    // A newcomer's first message changes the state: the bot notes who they are.
    const payload = eventCallback(directMessage({ user: 'UNEWCOMER', channel: 'D0NEWCOMER', text: 'help' }), {
      eventId: 'EvNewcomer1',
    });
    expect((await s.send({ json: payload })).status).toBe(200);
    await s.api.waitFor('chat.postMessage');
    const state = s.bot.core.deps.store.read();
    expect(state.people['slack:UNEWCOMER']).toBeDefined();
    expect(state.seenEvents['slack:EvNewcomer1']).toBeDefined();
  });

  it('answers a direct message in the DM', async () => {
    s.api.reset();
    await s.send({
      json: eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'integrations' })),
    });
    const [post] = await s.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('D0MEMBER');
    expect(post?.args.text).toMatch(/Jira/);
  });

  it('answers a mention in the thread of the mention, with the bot mention stripped', async () => {
    s.api.reset();
    const event = appMention({ user: ADMIN, channel: 'C0ADMINS', text: '<@UBOT> help' });
    await s.send({ json: eventCallback(event) });
    const [post] = await s.api.waitFor('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: 'C0ADMINS', thread_ts: event.ts });
    expect(post?.args.text).toMatch(/^Commands: help/);
  });

  it('ignores messages from bots and message edits', async () => {
    s.api.reset();
    const bot = {
      ...directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'help' }),
      subtype: 'bot_message',
      bot_id: 'B9',
    };
    await s.send({ json: eventCallback(bot) });
    await s.send({
      json: eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'provider' })),
    });
    const posts = await s.api.waitFor('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.text).toMatch(/provider/i);
  });

  it("ignores edits, deletions and the bot's own messages in its DM", async () => {
    s.api.reset();
    const edited = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'D0MEMBER',
      channel_type: 'im',
      ts: '1700000100.000200',
      event_ts: '1700000100.000200',
      message: {
        type: 'message',
        user: MEMBER,
        text: 'help',
        ts: '1700000000.000100',
        edited: { user: MEMBER, ts: '1700000100.000000' },
      },
      previous_message: { type: 'message', user: MEMBER, text: 'hlep', ts: '1700000000.000100' },
    };
    const deleted = {
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel: 'D0MEMBER',
      channel_type: 'im',
      ts: '1700000101.000100',
      deleted_ts: '1700000000.000100',
    };
    const own = {
      ...directMessage({ user: 'UBOT', channel: 'D0MEMBER', text: 'Commands: help' }),
      bot_id: 'B0001',
      app_id: 'A0001',
    };
    for (const event of [edited, deleted, own])
      expect((await s.send({ json: eventCallback(event) })).status).toBe(200);
    await s.send({
      json: eventCallback(directMessage({ user: MEMBER, channel: 'D0MEMBER', text: 'provider' })),
    });
    const posts = await s.api.waitFor('chat.postMessage');
    expect(posts.map((p) => p.args.text)).toEqual([expect.stringMatching(/provider/i)]);
  });

  it('names people mentioned without a label as Slack shows them (users.info)', async () => {
    s.api.reset();
    const event = appMention({ user: ADMIN, channel: 'C0ADMINS', text: `<@UBOT> admin add <@${ADMIN2}>` });
    await s.send({ json: eventCallback(event) });
    const [post] = await s.api.waitFor('chat.postMessage');
    expect(String(post?.args.text)).toMatch(/Grace/);
    expect(s.bot.core.deps.store.read().people[`slack:${ADMIN2}`]).toMatchObject({
      role: 'system-admin',
      name: 'Grace',
    });
  });

  it('unfurls a link still in the composer with unfurl_id and source', async () => {
    s.api.reset();
    const event = linkShared({
      user: MEMBER,
      channel: 'C0GENERAL',
      urls: ['https://acme.atlassian.net/browse/X-1'],
      source: 'composer',
    });
    await s.send({ json: eventCallback(event) });
    const [unfurl] = await s.api.waitFor('chat.unfurl');
    expect(unfurl?.args).toMatchObject({ unfurl_id: event.unfurl_id, source: 'composer' });
    expect(unfurl?.args.channel).toBeUndefined();
    expect(Object.keys(unfurl?.args.unfurls as object)).toEqual(['https://acme.atlassian.net/browse/X-1']);
  });

  it('still answers when users.info fails, without a name', async () => {
    s.api.reset();
    s.api.failNext('users.info', { error: 'user_not_found' });
    await s.send({
      json: eventCallback(directMessage({ user: 'UNOBODY', channel: 'D0NOBODY', text: 'provider' })),
    });
    const [post] = await s.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('D0NOBODY');
  });
});
