import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import type { State } from '../../../src/domain/state.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/slack-api.js';
import { slackNow, slackSignature } from '../../fakes/slack-signing.js';
import { assertBaseline, baselineScript } from './support/baseline.js';
import { type FuzzServer, request, type Sent, startFuzzServer } from './support/fuzz-server.js';
import { keepLocal } from './support/safety.js';
import { FUZZ_RUNS, fuzz, scratchDir, timeoutFor } from './support/settings.js';
import {
  clickCases,
  eventCases,
  SLACK_ADMIN,
  SLACK_ADMIN_CHANNEL,
  SLACK_MEMBER,
  slashCases,
  submissionCases,
} from './support/slack-cases.js';

const SECRET = 'slack-signing-secret-for-fuzzing';
const TOKEN = 'xoxb-fuzz-token';
const PEOPLE = {
  [SLACK_ADMIN]: { name: 'ada', realName: 'Ada Lovelace', displayName: 'Ada' },
  [SLACK_MEMBER]: { name: 'max', realName: 'Max Member', displayName: '' },
  UGRACE: { name: 'grace', realName: 'Grace Hopper', displayName: 'Grace' },
};

/** Slack is one entry point of four kinds of request: FUZZ_RUNS cases in all, a quarter of each kind. */
const RUNS = Math.ceil(FUZZ_RUNS / 4);

let api: FakeSlackApi;
let server: FuzzServer;
let baseline: State;
let responseUrl: string;

const safe = (value: unknown) =>
  keepLocal(value, {
    loopbackBase: responseUrl,
    fallbackUrl: responseUrl,
    admin: /UADMIN/gi,
    member: SLACK_MEMBER,
  });

/** A string field as a form carries it; other values as their JSON, as a sloppy client would send them. */
function formBody(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return String(JSON.stringify(value));
  const fields = Object.entries(value).map(([k, v]): [string, string] => [
    k,
    typeof v === 'string' ? v : String(JSON.stringify(v)),
  ]);
  return new URLSearchParams(fields).toString();
}

/** Posts a body to /slack/events signed as Slack signs it now, so it passes the check and reaches the listeners. */
function signedPost(body: string, json: boolean): Promise<Sent> {
  return request(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      ...slackSignature({ secret: SECRET, body, timestamp: slackNow() }),
    },
    body,
  });
}

const interactivity = (payload: unknown) => formBody({ payload: JSON.stringify(safe(payload)) ?? '' });

describe('fuzz: signed Slack requests to the real server', () => {
  beforeAll(async () => {
    api = await startFakeSlackApi({ token: TOKEN, users: PEOPLE });
    responseUrl = api.responseUrl('fuzz');
    server = await startFuzzServer({
      dataDir: scratchDir('fuzz-slack-'),
      env: {
        PUBLIC_URL: 'https://bot.example.com',
        ADMINS: `slack:${SLACK_ADMIN}`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_API_URL: api.apiUrl,
      },
      activity: () => api.history.length,
      onBatch: () => {
        api.reset();
        api.history.length = 0;
      },
    });
    const actor = (id: string) => ({ id: `slack:${id}`, name: null });
    baseline = await server.setUp(
      baselineScript({
        admin: actor(SLACK_ADMIN),
        member: actor(SLACK_MEMBER),
        other: 'slack:UGRACE',
        adminChannel: { conversationId: `slack:${SLACK_ADMIN_CHANNEL}`, kind: 'channel', name: 'admins' },
      }),
    );
    assertBaseline(baseline);
  });
  beforeEach(() => server.begin());
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  it('slash commands', { timeout: timeoutFor(RUNS) }, async () => {
    const property = fc.asyncProperty(slashCases(responseUrl), (form) =>
      server.check('slash command', form, () => signedPost(formBody(safe(form)), false)),
    );
    await fuzz('slack slash commands', property, RUNS);
  });

  it('events', { timeout: timeoutFor(RUNS) }, async () => {
    const property = fc.asyncProperty(eventCases, (event) =>
      server.check('event', event, () => signedPost(String(JSON.stringify(safe(event))), true)),
    );
    await fuzz('slack events', property, RUNS);
  });

  it('block_actions', { timeout: timeoutFor(RUNS) }, async () => {
    const property = fc.asyncProperty(clickCases(baseline, responseUrl), (payload) =>
      server.check('block_actions', payload, () => signedPost(interactivity(payload), false)),
    );
    await fuzz('slack block_actions', property, RUNS);
  });

  it('view_submission', { timeout: timeoutFor(RUNS) }, async () => {
    const property = fc.asyncProperty(submissionCases(baseline, responseUrl, safe), (payload) =>
      server.check('view_submission', payload, () => signedPost(interactivity(payload), false)),
    );
    await fuzz('slack view_submission', property, RUNS);
  });
});
