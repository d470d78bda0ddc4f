import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaptureLogger } from '../../fakes/capture-logger.js';
import { type FakeOpenId, startFakeOpenId } from '../../fakes/openid.js';
import { APP_ID, queryLinkInvoke } from './activities.js';
import { type Harness, startHarness } from './harness.js';

// Spies first: botbuilder writes to the console directly, and this is what must stay silent.
const consoleError = vi.spyOn(console, 'error');
const consoleWarn = vi.spyOn(console, 'warn');
const logger = createCaptureLogger();
let openId: FakeOpenId;
let h: Harness;

beforeAll(async () => {
  openId = await startFakeOpenId();
  h = await startHarness(
    { appId: APP_ID, appPassword: 'not-used', appType: 'MultiTenant', openIdMetadataUrl: openId.metadataUrl },
    { logger },
  );
});
afterAll(async () => {
  await h.close();
  await openId.close();
  consoleError.mockRestore();
  consoleWarn.mockRestore();
});

describe('unauthenticated requests with an app id', () => {
  it('get 401, no console output (no stack) and one short warn line for many', async () => {
    const activity = queryLinkInvoke({
      serviceUrl: h.connector.serviceUrl,
      url: 'https://contoso.atlassian.net/browse/IT-1',
    });
    const tokens: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-token' },
      {
        authorization: openId.bearer({
          audience: APP_ID,
          serviceUrl: h.connector.serviceUrl,
          expiresInS: -3600,
        }),
      },
      { authorization: openId.bearer({ audience: 'another-app', serviceUrl: h.connector.serviceUrl }) },
      {
        authorization: openId.bearer({
          audience: APP_ID,
          serviceUrl: h.connector.serviceUrl,
          issuer: 'https://evil.example',
        }),
      },
    ];
    for (const headers of tokens) expect((await h.post(activity, headers)).status).toBe(401);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    const refused = logger.lines.filter((line) => /not authenticated/.test(line.message));
    expect(refused).toHaveLength(1);
    expect(refused[0]?.level).toBe('warn');
    expect(logger.text()).not.toMatch(/\n\s+at |stack/);
    expect(h.engine.links).toEqual([]);
  });

  it('still serves a valid token', async () => {
    const activity = queryLinkInvoke({
      serviceUrl: h.connector.serviceUrl,
      url: 'https://contoso.atlassian.net/browse/IT-1',
    });
    const res = await h.post(activity, {
      authorization: openId.bearer({ audience: APP_ID, serviceUrl: h.connector.serviceUrl }),
    });
    expect(res.status).toBe(200);
  });
});
