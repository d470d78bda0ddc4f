import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { State } from '../../../src/domain/state.js';
import { ADA, BOB, messageActivity } from '../../adapters/teams/activities.js';
import { type FakeBotConnector, startFakeBotConnector } from '../../fakes/bot-connector.js';
import { assertBaseline, baselineScript } from './support/baseline.js';
import { type FuzzServer, request, startFuzzServer } from './support/fuzz-server.js';
import { keepLocal } from './support/safety.js';
import { fuzz, scratchDir, timeoutFor } from './support/settings.js';
import { activityCases, TEAMS_ADMIN_IDS } from './support/teams-cases.js';

let connector: FakeBotConnector;
let server: FuzzServer;
let baseline: State;

const safe = (value: unknown) =>
  keepLocal(value, {
    loopbackBase: connector.serviceUrl,
    fallbackUrl: connector.serviceUrl,
    admin: TEAMS_ADMIN_IDS,
    member: BOB.aadObjectId,
  });

describe('fuzz: Bot Framework activities to the real server in local mode', () => {
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    server = await startFuzzServer({
      dataDir: scratchDir('fuzz-teams-'),
      env: { PUBLIC_URL: 'https://bot.contoso.com', ADMINS: `teams:${ADA.aadObjectId}` },
      activity: () => connector.calls.length,
      onBatch: () => {
        connector.calls.length = 0;
      },
    });
    // Ada makes the channel the admin channel over HTTP, so the bot knows its address for notices.
    const notify = messageActivity({
      serviceUrl: connector.serviceUrl,
      from: ADA,
      scope: 'channel',
      text: 'notify here',
    });
    const answer = await request(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(notify),
    });
    if (answer.status !== 200) throw new Error(`notify here answered ${answer.status}`);
    const [adminChannel] = Object.values(server.store.read().adminChannels);
    if (!adminChannel) throw new Error('notify here made no admin channel');
    const actor = (p: typeof ADA) => ({ id: `teams:${p.aadObjectId}`, name: p.name });
    baseline = await server.setUp(
      baselineScript({
        admin: actor(ADA),
        member: actor(BOB),
        other: 'teams:6a1d7c2e-0000-4000-8000-0000000000e1',
        adminChannel: { conversationId: adminChannel.id, kind: 'channel', name: adminChannel.name },
      }),
    );
    assertBaseline(baseline);
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it('activities: messages, conversationUpdate and invokes', { timeout: timeoutFor() }, async () => {
    await server.begin();
    const property = fc.asyncProperty(activityCases(baseline, connector.serviceUrl), (c) =>
      server.check('activity', c, () =>
        request(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': c.contentType },
          body: String(JSON.stringify(safe(c.activity))),
        }),
      ),
    );
    await fuzz('teams activities', property);
  });
});
