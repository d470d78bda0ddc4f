import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../../src/adapters/oauth/oauth-client.js';
import type { OAuthTarget } from '../../../src/application/ports/oauth-client.js';
import { type FakeOAuthServer, startFakeOAuthServer } from '../../fakes/oauth-server.js';

const CLIENT = { id: 'client-1', secret: 'secret-1' };
const ENV = { ACME_ID: CLIENT.id, ACME_SECRET: CLIENT.secret };
const REDIRECT = 'https://bot.example.com/oauth/callback';

let provider: FakeOAuthServer;
let target: OAuthTarget;
beforeAll(async () => {
  provider = await startFakeOAuthServer(CLIENT);
  target = {
    id: 'acme',
    oauth: {
      authorizeUrl: `${provider.authorizeUrl}?audience=api`,
      tokenUrl: provider.tokenUrl,
      revokeUrl: provider.revokeUrl,
      scopes: ['read', 'write'],
      clientIdEnv: 'ACME_ID',
      clientSecretEnv: 'ACME_SECRET',
    },
  };
});
afterAll(() => provider?.close());

/** Authorises at the fake provider and returns the callback's query, as the bot's route receives it. */
async function callbackQuery(client: ReturnType<typeof createOAuthClient>, state = 'state-1') {
  const { verifier, challenge } = await client.pkce();
  const url = client.authorizationUrl({ target, redirectUri: REDIRECT, state, challenge });
  const location = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
  return { verifier, url: new URL(url), query: Object.fromEntries(new URL(location).searchParams) };
}

describe('createOAuthClient', () => {
  it('names the missing environment variables, and only those', () => {
    expect(createOAuthClient({ env: ENV }).missing(target)).toEqual([]);
    expect(createOAuthClient({ env: { ACME_ID: 'x', ACME_SECRET: '  ' } }).missing(target)).toEqual([
      'ACME_SECRET',
    ]);
  });

  it('builds the authorisation URL with S256 PKCE, keeping the endpoint’s own parameters', async () => {
    const { url, verifier } = await callbackQuery(createOAuthClient({ env: ENV }));
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      audience: 'api',
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: REDIRECT,
      scope: 'read write',
      state: 'state-1',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code with the right verifier, and is refused with a wrong one', async () => {
    const client = createOAuthClient({ env: ENV });
    const good = await callbackQuery(client);
    const got = await client.exchangeCode({
      target,
      redirectUri: REDIRECT,
      verifier: good.verifier,
      query: good.query,
    });
    expect(got).toMatchObject({ ok: true, tokens: { tokenType: 'bearer', scope: 'read write' } });
    expect(provider.issued).toContain(got.ok ? got.tokens.accessToken : '');
    const bad = await callbackQuery(client);
    expect(
      await client.exchangeCode({
        target,
        redirectUri: REDIRECT,
        verifier: `${bad.verifier}x`,
        query: bad.query,
      }),
    ).toEqual({ ok: false, problem: 'refused', error: 'invalid_grant' });
    expect(provider.tokenRequests.at(-1)).toEqual({ ok: false, why: 'code_verifier' });
  });

  it('counts a token endpoint that does not answer in time as unreachable', async () => {
    const client = createOAuthClient({ env: ENV, timeoutMs: 200 });
    const { verifier, query } = await callbackQuery(client);
    provider.failures.add('token-silent');
    try {
      expect(await client.exchangeCode({ target, redirectUri: REDIRECT, verifier, query })).toEqual({
        ok: false,
        problem: 'unreachable',
        detail: 'no answer within 0.2 s',
      });
    } finally {
      provider.failures.delete('token-silent');
    }
  });

  it('revokes the refresh token with its hint, and reports a failing endpoint', async () => {
    const client = createOAuthClient({ env: ENV });
    const tokens = { accessToken: 'a', refreshToken: 'r', tokenType: 'Bearer', expiresAt: null, scope: null };
    expect(await client.revoke({ target, tokens })).toEqual({ ok: true });
    expect(provider.revoked.at(-1)).toEqual({ token: 'r', hint: 'refresh_token', clientId: CLIENT.id });
    expect(await client.revoke({ target, tokens: { ...tokens, refreshToken: null } })).toEqual({ ok: true });
    expect(provider.revoked.at(-1)).toMatchObject({ token: 'a', hint: 'access_token' });
    provider.failures.add('revoke-500');
    try {
      expect(await client.revoke({ target, tokens })).toEqual({
        ok: false,
        problem: 'bad-answer',
        detail: 'HTTP 500: unexpected HTTP status',
      });
    } finally {
      provider.failures.delete('revoke-500');
    }
  });

  it('sends nothing over plain http to a host that is not loopback', async () => {
    const client = createOAuthClient({ env: ENV, timeoutMs: 200 });
    const remote = { ...target, oauth: { ...target.oauth, tokenUrl: 'http://auth.example.com/token' } };
    const { verifier, query } = await callbackQuery(client);
    const r = await client.exchangeCode({ target: remote, redirectUri: REDIRECT, verifier, query });
    expect(r).toEqual({
      ok: false,
      problem: 'unreachable',
      detail: 'plain http is allowed to loopback hosts only',
    });
  });
});
