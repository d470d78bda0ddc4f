import { describe, expect, it } from 'vitest';
import { createHmacSigner } from '../../src/adapters/security/hmac-signer.js';
import type { OAuthClient, OAuthFailure, TokenSet } from '../../src/application/ports/oauth-client.js';
import { completeIntegrationConnect } from '../../src/application/use-cases/complete-integration-connect.js';
import { disconnectIntegration } from '../../src/application/use-cases/disconnect-integration.js';
import { startConnect } from '../../src/application/use-cases/start-connect.js';
import { CatalogEntry } from '../../src/domain/catalog.js';
import { aCore, person } from '../fakes/core.js';

const ada = person('ada');
const VERIFIER = 'verifier-0123456789-0123456789-0123456789-abc';

const acme = CatalogEntry.parse({
  id: 'acme',
  name: 'Acme Tracker',
  vendor: 'Acme',
  oauth: {
    authorizeUrl: 'https://auth.acme.test/authorize',
    tokenUrl: 'https://auth.acme.test/token',
    revokeUrl: 'https://auth.acme.test/revoke',
    scopes: ['read'],
    clientIdEnv: 'ACME_CLIENT_ID',
    clientSecretEnv: 'ACME_CLIENT_SECRET',
  },
});
const plain = CatalogEntry.parse({ id: 'plain', name: 'Plain Wiki', vendor: 'Plain' });
const unset = CatalogEntry.parse({
  ...acme,
  id: 'unset',
  name: 'Unset Board',
  oauth: { ...acme.oauth, clientIdEnv: 'UNSET_ID', clientSecretEnv: 'UNSET_SECRET' },
});

/** An OAuth client without a network: records what it is asked, answers as told. */
function anOAuthDouble(env: Record<string, string>) {
  const calls = { exchanged: [] as { verifier: string; code: string }[], revoked: [] as TokenSet[] };
  const answers: { exchange: OAuthFailure | null; revoke: OAuthFailure | null } = {
    exchange: null,
    revoke: null,
  };
  const client: OAuthClient = {
    missing: (t) => [t.oauth.clientIdEnv, t.oauth.clientSecretEnv].filter((n) => !env[n]),
    pkce: async () => ({ verifier: VERIFIER, challenge: 'challenge-of-verifier' }),
    authorizationUrl: ({ target, state, challenge, redirectUri }) =>
      `${target.oauth.authorizeUrl}?state=${encodeURIComponent(state)}&code_challenge=${challenge}&redirect_uri=${encodeURIComponent(redirectUri)}`,
    exchangeCode: async ({ verifier, query }) => {
      calls.exchanged.push({ verifier, code: query.code ?? '' });
      if (answers.exchange) return answers.exchange;
      return {
        ok: true,
        tokens: {
          accessToken: 'AT-secret',
          refreshToken: 'RT-secret',
          tokenType: 'Bearer',
          expiresAt: null,
          scope: 'read',
        },
      };
    },
    revoke: async ({ tokens }) => {
      calls.revoked.push(tokens);
      return answers.revoke ?? { ok: true };
    },
  };
  return { client, calls, answers };
}

async function aConnectCore() {
  const oauth = anOAuthDouble({ ACME_CLIENT_ID: 'id', ACME_CLIENT_SECRET: 'secret' });
  const core = await aCore({ catalog: [acme, plain, unset], oauth: oauth.client });
  await core.say(core.admin, 'enable acme for all');
  await core.say(core.admin, 'enable plain for all');
  await core.say(core.admin, 'enable unset for all');
  const link = async () => {
    const r = await startConnect(core.deps, { actor: core.admin, integration: 'acme' });
    if (!r.ok) throw new Error(r.reason);
    return new URL(r.url).searchParams.get('state') ?? '';
  };
  const callback = (query: Record<string, string>) => completeIntegrationConnect(core.deps, { query });
  return { ...core, oauth, link, callback };
}

describe('startConnect', () => {
  it('answers a link whose signed state expires in ten minutes and carries the verifier sealed, never in clear', async () => {
    const core = await aConnectCore();
    const r = await startConnect(core.deps, { actor: core.admin, integration: 'acme' });
    expect(r).toMatchObject({ ok: true, expiresAt: '2026-11-22T10:52:00.000Z' });
    const state = decodeURIComponent(r.ok ? (r.url.split('state=')[1]?.split('&')[0] ?? '') : '');
    const payload = core.deps.signer.verify(state);
    expect(payload).toMatchObject({ k: 'oauth', i: 'acme', by: 'console:admin' });
    expect(Buffer.from(state.split('.')[0] ?? '', 'base64url').toString()).not.toContain(VERIFIER);
    expect(core.deps.box.open(String(payload?.v))).toBe(VERIFIER);
  });

  it('refuses members, entries without oauth, unconfigured clients, integrations that are off, and connected ones', async () => {
    const core = await aConnectCore();
    const start = (integration: string, actor = core.admin) =>
      startConnect(core.deps, { actor, integration });
    expect(await start('acme', ada)).toMatchObject({
      ok: false,
      reason: 'not-admin',
      task: 'connect-integrations',
    });
    expect(await start('plain')).toMatchObject({ ok: false, reason: 'no-connect-step' });
    expect(await start('unset')).toMatchObject({
      ok: false,
      reason: 'connect-not-configured',
      missing: ['UNSET_ID', 'UNSET_SECRET'],
    });
    await core.say(core.admin, 'disable acme');
    expect(await start('acme')).toMatchObject({ ok: false, reason: 'connect-needs-enabled' });
    await core.say(core.admin, 'enable acme for all');
    expect((await core.callback({ state: await core.link(), code: 'c1' })).ok).toBe(true);
    expect(await start('acme')).toMatchObject({ ok: false, reason: 'already-connected', by: 'Admin' });
  });
});

describe('the Connect button', () => {
  it('answers the link privately to the clicking admin, never into the conversation; a member is refused', async () => {
    const core = await aConnectCore();
    const click = (actor = core.admin) =>
      core.engine.handleAction({
        actor,
        origin: { conversationId: 'console:#admins', kind: 'channel' },
        verb: 'connectIntegration',
        data: { integrationId: 'acme' },
      });
    const reply = await click();
    expect(reply).toMatchObject({ card: null, views: [], refused: false, privateCard: { kind: 'link' } });
    expect(reply.privateCard?.kind === 'link' && reply.privateCard.url).toContain(
      'https://auth.acme.test/authorize?',
    );
    const refusedReply = await click(ada);
    expect(refusedReply.refused).toBe(true);
    expect(JSON.stringify(refusedReply)).not.toContain('auth.acme.test');
  });
});

describe('completeIntegrationConnect', () => {
  it('exchanges the code with the sealed verifier, stores the token sealed, records the nonce, audits', async () => {
    const core = await aConnectCore();
    const state = await core.link();
    expect(await core.callback({ state, code: 'c1' })).toMatchObject({ ok: true, flow: 'connect' });
    expect(core.oauth.calls.exchanged).toEqual([{ verifier: VERIFIER, code: 'c1' }]);
    const stored = core.store.read();
    expect(stored.installs.acme?.connected).toBe(true);
    expect(stored.connections.acme).toMatchObject({ connectedBy: 'console:admin' });
    expect(JSON.stringify(stored)).not.toContain('AT-secret');
    expect(core.deps.box.open(stored.connections.acme?.sealedToken ?? '')).toContain('AT-secret');
    expect(core.audit.entries.at(-1)).toMatchObject({
      action: 'integration-connected',
      actor: 'console:admin',
    });
    expect(core.audit.entries.at(-1)?.details).not.toContain('secret');
    expect(await core.callback({ state, code: 'c1' })).toMatchObject({ ok: false, reason: 'link-used' });
    expect(core.oauth.calls.exchanged).toHaveLength(1);
  });

  it('refuses an expired state, one signed with another secret, and a malformed query; nothing changes', async () => {
    const core = await aConnectCore();
    const state = await core.link();
    const other = createHmacSigner('another-secret-0123456789').sign(core.deps.signer.verify(state) ?? {});
    expect(await core.callback({ state: other, code: 'c' })).toMatchObject({ reason: 'link-invalid' });
    expect(await core.callback({ code: 'c' })).toMatchObject({ reason: 'link-invalid' });
    expect(await completeIntegrationConnect(core.deps, { query: { state: [state, state] } })).toMatchObject({
      reason: 'callback-malformed',
    });
    core.clock.advance(10 * 60 * 1000 + 1);
    expect(await core.callback({ state, code: 'c' })).toMatchObject({ reason: 'link-expired' });
    expect(core.oauth.calls.exchanged).toEqual([]);
    expect(core.store.read().connections).toEqual({});
  });

  it('reports denied consent and a failed exchange without consuming the link or storing anything', async () => {
    const core = await aConnectCore();
    const state = await core.link();
    expect(await core.callback({ state, error: 'access_denied' })).toMatchObject({
      reason: 'provider-refused',
      answer: 'access_denied',
    });
    core.oauth.answers.exchange = { ok: false, problem: 'refused', error: 'invalid_grant' };
    expect(await core.callback({ state, code: 'c' })).toMatchObject({
      reason: 'token-exchange-failed',
      problem: 'refused',
      detail: 'invalid_grant',
    });
    expect(core.store.read().connections).toEqual({});
    expect(core.store.read().usedNonces).toEqual({});
    expect(core.audit.entries.map((e) => e.action)).not.toContain('integration-connected');
  });

  it('refuses a link whose admin is no longer a system admin', async () => {
    const core = await aConnectCore();
    await core.say(core.admin, 'admin add console:ada');
    const r = await startConnect(core.deps, { actor: ada, integration: 'acme' });
    const state = r.ok ? decodeURIComponent(r.url.split('state=')[1]?.split('&')[0] ?? '') : '';
    await core.say(core.admin, 'admin remove console:ada');
    expect(await core.callback({ state, code: 'c' })).toMatchObject({ reason: 'link-owner-not-admin' });
    expect(core.oauth.calls.exchanged).toEqual([]);
  });
});

describe('disconnectIntegration', () => {
  it('revokes the refresh token, deletes the connection and audits', async () => {
    const core = await aConnectCore();
    await core.callback({ state: await core.link(), code: 'c' });
    const r = await disconnectIntegration(core.deps, { actor: core.admin, integration: 'acme' });
    expect(r).toMatchObject({ ok: true, revoke: { result: 'revoked' } });
    expect(core.oauth.calls.revoked).toMatchObject([{ refreshToken: 'RT-secret' }]);
    expect(core.store.read().connections).toEqual({});
    expect(core.store.read().installs.acme?.connected).toBe(false);
    expect(core.audit.entries.at(-1)).toMatchObject({
      action: 'integration-disconnected',
      details: 'token revoked at the provider and deleted',
    });
    expect(await disconnectIntegration(core.deps, { actor: core.admin, integration: 'acme' })).toMatchObject({
      reason: 'not-connected',
    });
  });

  it('still deletes the token when revocation fails, and says why', async () => {
    const core = await aConnectCore();
    await core.callback({ state: await core.link(), code: 'c' });
    core.oauth.answers.revoke = { ok: false, problem: 'unreachable', detail: 'no answer within 10 s' };
    const r = await disconnectIntegration(core.deps, { actor: core.admin, integration: 'acme' });
    expect(r).toMatchObject({ ok: true, revoke: { result: 'failed', detail: 'no answer within 10 s' } });
    expect(core.store.read().connections).toEqual({});
    const text = core.textOf(await core.say(core.admin, 'disconnect acme'));
    expect(text).toContain('Acme Tracker is not connected');
  });

  it('refuses members and leaves the connection', async () => {
    const core = await aConnectCore();
    await core.callback({ state: await core.link(), code: 'c' });
    expect(await disconnectIntegration(core.deps, { actor: ada, integration: 'acme' })).toMatchObject({
      reason: 'not-admin',
    });
    expect(core.oauth.calls.revoked).toEqual([]);
    expect(core.store.read().connections.acme).toBeDefined();
  });
});

describe('where a connection is shown', () => {
  it('never calls an entry without oauth connected, even when an older file marked its install connected', async () => {
    const core = await aConnectCore();
    await core.store.update((s) => {
      const install = s.installs.plain;
      if (install) install.connected = true;
    });
    const text = core.textOf([
      ...(await core.say(core.admin, 'report')),
      ...(await core.say(core.admin, 'integrations')),
    ]);
    expect(text).toContain('Plain Wiki');
    expect(text).not.toMatch(/Plain Wiki[^}]*connected/);
  });

  it('shows the connection in the directory with Connect or Disconnect for admins only', async () => {
    const core = await aConnectCore();
    const itemOf = async (actor = core.admin) => {
      const [view] = await core.say(actor, 'integrations');
      const items = view?.kind === 'directory' ? view.items : [];
      return items.find((i) => i.integration.id === 'acme');
    };
    expect((await itemOf())?.status).toBe('On for all groups; not connected');
    expect((await itemOf())?.actions.map((a) => a.verb)).toContain('connectIntegration');
    await core.callback({ state: await core.link(), code: 'c' });
    expect((await itemOf())?.status).toBe('On for all groups; connected');
    expect((await itemOf())?.actions.map((a) => a.verb)).toContain('disconnectIntegration');
    expect((await itemOf(ada))?.actions.map((a) => a.verb)).not.toContain('disconnectIntegration');
    const unsetItem = (await core.say(core.admin, 'integrations'))[0];
    expect(JSON.stringify(unsetItem)).toContain('connect step not configured');
  });

  it('words the approval of an unconfigured entry as needing its variables, with no link', async () => {
    const core = await aConnectCore();
    await core.say(core.admin, 'remove unset');
    await core.say(ada, 'request unset');
    const views = await core.say(core.admin, 'approve unset for all');
    const add = views[0]?.kind === 'permissions' ? views[0].actions[0] : undefined;
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: 'console:admin', kind: 'personal' },
      verb: add?.verb ?? '',
      data: add?.data ?? {},
    });
    expect(reply.views[0]).toMatchObject({ kind: 'decisionResult', authorizeUrl: null });
    expect(JSON.stringify(reply.views[0])).toContain('set UNSET_ID and UNSET_SECRET');
    expect(reply.card).toMatchObject({ connection: { state: 'not-configured' }, actions: [] });
  });
});

describe('bulk approval and the connect step', () => {
  it('follows a bulk approval with an authorise link for each approved entry that has a connect step, and none for the others', async () => {
    const oauth = anOAuthDouble({ ACME_CLIENT_ID: 'id', ACME_CLIENT_SECRET: 'secret' });
    const core = await aCore({ catalog: [acme, plain], oauth: oauth.client });
    await core.say(ada, 'request acme because we track work there');
    await core.say(ada, 'request plain because we write docs there');
    const views = await core.say(core.admin, 'approve acme, plain for all');
    expect(views[0]).toMatchObject({ kind: 'message', text: 'Approved 2 of 2: Acme Tracker, Plain Wiki.' });
    const links = views.slice(1);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ kind: 'decisionResult', integration: { id: 'acme' } });
    const url = new URL((links[0] as { authorizeUrl: string }).authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://auth.acme.test/authorize');
    expect(core.deps.signer.verify(url.searchParams.get('state') ?? '')).toMatchObject({
      k: 'oauth',
      i: 'acme',
      by: 'console:admin',
    });
  });
});
