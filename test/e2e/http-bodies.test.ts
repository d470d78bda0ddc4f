import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/adapters/http/create-server.js';
import { SLACK_BODY_LIMIT } from '../../src/adapters/slack/receiver.js';
import { MESSAGES_BODY_LIMIT } from '../../src/adapters/teams/route.js';
import type { RunningBot } from '../../src/compose.js';
import { multipartBody, rawRequest } from '../fakes/raw-http.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { startTestBot } from '../support/test-bot.js';
import { tempDataDir } from './helpers.js';

// os.tmpdir() reads TMPDIR on every call, and each test file runs in its own process: pointing it at an
// empty directory makes "nothing written to disk" checkable as "this directory stays empty".
const uploads = mkdtempSync(join(tmpdir(), 'bodies-tmp-'));
const previousTmp = process.env.TMPDIR;

const json = (size: number) => Buffer.from(JSON.stringify({ type: 'message', text: 'x'.repeat(size) }));
const chunksOf = (total: number) =>
  Array.from({ length: Math.ceil(total / 65_536) }, () => Buffer.alloc(65_536, 0x61));

const modes = [
  ['local mode', {}],
  ['with an app id', { MicrosoftAppId: 'app-id-1', MicrosoftAppPassword: 'not-sent-anywhere' }],
] as const;

describe.each(modes)('request bodies (%s)', (_mode, teamsEnv) => {
  let bot: RunningBot;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    process.env.TMPDIR = uploads;
    bot = await startTestBot({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SLACK_SIGNING_SECRET: 'slack-signing-secret',
        ...teamsEnv,
      },
      logger: silentLogger,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await bot?.close();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  });
  beforeEach(() => {
    expect(readdirSync(uploads)).toEqual([]);
  });

  const post = (path: string, contentType: string, body: { buffer: Buffer } | { chunks: Buffer[] }) =>
    rawRequest({ url: `${bot.url}${path}`, headers: { 'content-type': contentType }, body });

  it.each(['/api/messages', '/slack/events'])(
    'refuses a multipart upload to %s with 415 and writes no file',
    async (path) => {
      const form = multipartBody(3 * 1024 * 1024);
      const res = await post(path, form.contentType, { buffer: form.buffer });
      expect(res.status).toBe(415);
      expect(readdirSync(uploads)).toEqual([]);
    },
  );

  it('refuses activities that are not JSON with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
      const res = await post('/api/messages', type, { buffer: Buffer.from('{"type":"message"}') });
      expect(res.status, type).toBe(415);
    }
  });

  it('refuses an activity over the limit with 413, declared or streamed', async () => {
    const declared = await post('/api/messages', 'application/json', { buffer: json(MESSAGES_BODY_LIMIT) });
    expect(declared.status).toBe(413);
    const streamed = await post('/api/messages', 'application/json', {
      chunks: chunksOf(MESSAGES_BODY_LIMIT + 65_536),
    });
    expect(streamed.status).toBe(413);
  });

  it('refuses a Slack body over Slack’s limit with 413, declared or streamed, before the signature check', async () => {
    const big = Buffer.concat([Buffer.from('payload='), Buffer.alloc(SLACK_BODY_LIMIT, 0x61)]);
    const form = 'application/x-www-form-urlencoded';
    expect((await post('/slack/events', form, { buffer: big })).status).toBe(413);
    expect((await post('/slack/events', form, { chunks: chunksOf(SLACK_BODY_LIMIT + 65_536) })).status).toBe(
      413,
    );
  });

  it('refuses a body on a route that takes none, and any body over the server limit', async () => {
    const get = await rawRequest({
      url: `${bot.url}/healthz`,
      method: 'GET',
      body: { buffer: Buffer.from('x'.repeat(100)) },
    });
    expect(get.status).toBe(413);
    const huge = await rawRequest({
      url: `${bot.url}/auth/office365/callback`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { buffer: Buffer.alloc(MAX_BODY_BYTES + 1, 0x61) },
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('still takes a JSON activity and a signed-size Slack body', async () => {
    const activity = await post('/api/messages', 'application/json; charset=utf-8', {
      buffer: Buffer.from('{}'),
    });
    expect(activity.status).toBe(400);
    const slack = await post('/slack/events', 'application/json', { buffer: Buffer.from('{}') });
    expect(slack.status).toBe(401);
    expect(readdirSync(uploads)).toEqual([]);
  });
});
