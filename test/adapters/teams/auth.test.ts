import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenId, startFakeOpenId } from '../../fakes/openid.js';
import { APP_ID, queryLinkInvoke } from './activities.js';
import { type Harness, startHarness } from './harness.js';

let openId: FakeOpenId;
let h: Harness;

beforeAll(async () => {
  openId = await startFakeOpenId();
  h = await startHarness({
    appId: APP_ID,
    appPassword: 'not-used-by-these-tests',
    appType: 'MultiTenant',
    openIdMetadataUrl: openId.metadataUrl,
  });
});
afterAll(async () => {
  await h.close();
  await openId.close();
});

const unfurl = () =>
  queryLinkInvoke({ serviceUrl: h.connector.serviceUrl, url: 'https://contoso.atlassian.net/browse/IT-1' });

describe('Teams channel with an app id', () => {
  it('accepts an activity carrying a valid Bot Framework token', async () => {
    const token = openId.bearer({ audience: APP_ID, serviceUrl: h.connector.serviceUrl });
    const res = await h.post(unfurl(), { authorization: token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ composeExtension: { type: 'result' } });
  });

  it.each([
    ['no token', () => ({})],
    [
      'an expired token',
      () => ({
        authorization: openId.bearer({
          audience: APP_ID,
          serviceUrl: h.connector.serviceUrl,
          expiresInS: -3600,
        }),
      }),
    ],
    [
      'a token for another app',
      () => ({
        authorization: openId.bearer({ audience: 'another-app', serviceUrl: h.connector.serviceUrl }),
      }),
    ],
    [
      'a token for another serviceUrl',
      () => ({
        authorization: openId.bearer({
          audience: APP_ID,
          serviceUrl: 'https://smba.trafficmanager.net/evil/',
        }),
      }),
    ],
    [
      'a token from another issuer',
      () => ({
        authorization: openId.bearer({
          audience: APP_ID,
          serviceUrl: h.connector.serviceUrl,
          issuer: 'https://evil.example',
        }),
      }),
    ],
  ])('refuses %s with 401 and acts on nothing', async (_label, headers) => {
    const before = h.engine.links.length + h.engine.addresses.size;
    const res = await h.post(unfurl(), headers());
    expect(res.status).toBe(401);
    expect(h.engine.links.length + h.engine.addresses.size).toBe(before);
  });
});
