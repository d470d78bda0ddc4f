import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmacSigner } from '../../src/adapters/security/hmac-signer.js';
import { blockActions } from '../adapters/slack/payloads.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';
import { type FakeOAuthServer, startFakeOAuthServer } from '../fakes/oauth-server.js';
import { keptText } from '../support/test-store.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/**
 * The OAuth connect over HTTP: the real bot behind its Slack route, a local OAuth provider on
 * 127.0.0.1 (authorize, token with PKCE and client checks, revoke), and the browser's hops followed
 * by hand: authorise link → provider → callback under PUBLIC_URL.
 */
const PUBLIC_URL = 'https://bot.example.com';
const STATE_SECRET = 'state-secret-0123456789abcdef';
const CLIENT = { id: 'acme-client', secret: 'acme-secret-never-shown' };
const ADMINS = 'C0OAUTHADM';

let s: SlackBot;
let provider: FakeOAuthServer;
const logger = createCaptureLogger();

beforeAll(async () => {
  provider = await startFakeOAuthServer(CLIENT);
  const dir = await mkdtemp(join(tmpdir(), 'oauth-catalog-'));
  const catalogFile = join(dir, 'catalog.json');
  const oauth = {
    authorizeUrl: provider.authorizeUrl,
    tokenUrl: provider.tokenUrl,
    scopes: ['read:issues', 'write:issues'],
  };
  writeFileSync(
    catalogFile,
    JSON.stringify({
      integrations: [
        {
          id: 'acme',
          name: 'Acme Tracker',
          vendor: 'Acme',
          permissions: ['Read issues'],
          oauth: {
            ...oauth,
            revokeUrl: provider.revokeUrl,
            clientIdEnv: 'ACME_CLIENT_ID',
            clientSecretEnv: 'ACME_CLIENT_SECRET',
          },
        },
        {
          id: 'unset',
          name: 'Unset Board',
          vendor: 'Unset',
          oauth: { ...oauth, clientIdEnv: 'UNSET_CLIENT_ID', clientSecretEnv: 'UNSET_CLIENT_SECRET' },
        },
      ],
    }),
  );
  s = await startSlackBot({
    env: { CATALOG_FILE: catalogFile, ACME_CLIENT_ID: CLIENT.id, ACME_CLIENT_SECRET: CLIENT.secret },
    logger,
  });
  await s.slash(ADMIN, 'notify here', ADMINS, 'oauth-admins');
});
afterAll(async () => {
  await s?.close();
  await provider?.close();
});

type Json = Record<string, unknown>;

/** The first link button's URL in an answer's blocks. */
function linkIn(answer: Json): string {
  const urls = ((answer.blocks as { elements?: { url?: string }[] }[]) ?? [])
    .flatMap((b) => b.elements ?? [])
    .flatMap((e) => (e.url ? [e.url] : []));
  if (!urls[0]) throw new Error(`no link in ${JSON.stringify(answer)}`);
  return urls[0];
}

/** The browser: opens the authorise link at the provider, follows its redirect to the bot's callback. */
async function authorise(link: string): Promise<{ status: number; page: string; callback: string }> {
  const atProvider = await fetch(link, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = String(atProvider.headers.get('location')).replace(PUBLIC_URL, s.bot.url);
  const res = await fetch(callback);
  return { status: res.status, page: await res.text(), callback };
}

/** A fresh authorise link for acme (enabled first), as `connect acme` answers it. */
async function connectLink(): Promise<string> {
  await s.slash(ADMIN, 'enable acme for all', ADMINS);
  return linkIn(await s.slash(ADMIN, 'connect acme', ADMINS));
}

async function connected(): Promise<void> {
  const read = () => s.bot.core.deps.store.read();
  if (!read().connections.acme) expect((await authorise(await connectLink())).status).toBe(200);
  expect(read().connections.acme).toBeDefined();
}

async function disconnected(): Promise<void> {
  if (s.bot.core.deps.store.read().connections.acme) await s.slash(ADMIN, 'disconnect acme', ADMINS);
}

const store = () => s.bot.core.deps.store.read();
const auditActions = async () => {
  const actions: string[] = [];
  for await (const e of s.bot.core.deps.audit.read({ integrationId: 'acme' })) actions.push(e.action);
  return actions;
};

async function clickOn(user: string, notice: { channel: string; ts: string }, button: unknown) {
  const responseUrl = s.nextResponseUrl();
  const res = await s.click(
    blockActions({
      user,
      button: button as { action_id: string; value: string },
      channel: notice.channel,
      messageTs: notice.ts,
      responseUrl,
    }),
  );
  expect(res.status).toBe(200);
  return s.answerOn(responseUrl);
}

const cardUpdate = (notice: { channel: string; ts: string }, text: RegExp) =>
  s.api.waitForMatch(
    'chat.update',
    (c) => c.args.channel === notice.channel && c.args.ts === notice.ts && text.test(String(c.args.text)),
  );

describe('connecting an integration with an oauth block', () => {
  it('approval → authorise link → provider → callback → connected card, with PKCE and the client checked', async () => {
    await disconnected();
    s.api.reset();
    await s.slash(MEMBER, 'request acme because we track bugs there');
    const posted = await s.postIn(ADMINS, /^Request for Acme Tracker/);
    const notice = { channel: String(posted.result?.channel), ts: String(posted.result?.ts) };
    const all = buttonsOf(posted.args.blocks).find(
      (b) => b.verb === 'approveRequest' && b.data.scope === 'all',
    );
    const step = await clickOn(ADMIN, notice, all);
    const add = buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove');
    const decided = await clickOn(ADMIN, notice, add);
    expect(String(decided.text)).toContain('Connect Acme Tracker to finish');

    const link = new URL(linkIn(decided));
    expect(link.origin + link.pathname).toBe(provider.authorizeUrl);
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: `${PUBLIC_URL}/oauth/callback`,
      scope: 'read:issues write:issues',
      code_challenge_method: 'S256',
    });
    expect(link.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const waiting = await cardUpdate(notice, /Not connected yet/);
    expect(buttonsOf(waiting.args.blocks).map((b) => b.verb)).toEqual(['connectIntegration']);

    const { status, page } = await authorise(link.href);
    expect(status).toBe(200);
    expect(page).toContain('Acme Tracker is connected');
    expect(page).toContain('Connected — you can close this tab');
    expect(provider.tokenRequests.at(-1)).toEqual({ ok: true, why: 'ok' });
    expect(store().installs.acme?.connected).toBe(true);
    const done = await cardUpdate(notice, /Connected by Ada/);
    expect(buttonsOf(done.args.blocks).map((b) => b.verb)).toEqual(['disconnectIntegration']);
    expect(await auditActions()).toContain('integration-connected');
  });

  it('refuses the same callback a second time (single use), and changes nothing', async () => {
    await disconnected();
    const first = await authorise(await connectLink());
    expect(first.status).toBe(200);
    const before = JSON.stringify(store().connections);
    const again = await fetch(first.callback);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already used');
    expect(JSON.stringify(store().connections)).toBe(before);
  });

  it('shows a clear page for denied consent, and changes nothing', async () => {
    await disconnected();
    const link = await connectLink();
    const requests = provider.tokenRequests.length;
    provider.deny = true;
    try {
      const { status, page } = await authorise(link);
      expect(status).toBe(403);
      expect(page).toContain('Access was not granted');
      expect(page).toContain('access_denied');
    } finally {
      provider.deny = false;
    }
    expect(provider.tokenRequests.length).toBe(requests);
    expect(store().connections.acme).toBeUndefined();
  });

  it('refuses a state whose signature is wrong, or signed with another secret, before anything else', async () => {
    await disconnected();
    const link = new URL(await connectLink());
    const state = String(link.searchParams.get('state'));
    const [body = ''] = state.split('.');
    const forged = `${body}.${createHmacSigner('another-secret-0123456789').sign({}).split('.')[1]}`;
    for (const bad of [`${state.slice(0, -2)}xx`, forged, 'nonsense']) {
      const res = await fetch(
        `${s.bot.url}/oauth/callback?code=abc&error=access_denied&state=${encodeURIComponent(bad)}`,
      );
      const page = await res.text();
      expect(res.status, bad).toBe(400);
      expect(page).toContain('This connect link is not valid');
      expect(page).not.toContain('access_denied');
    }
    expect(store().connections.acme).toBeUndefined();
  });

  it('refuses an expired state (older than ten minutes), and changes nothing', async () => {
    await disconnected();
    const link = new URL(await connectLink());
    const signer = createHmacSigner(STATE_SECRET);
    const payload = signer.verify(String(link.searchParams.get('state')));
    expect(Number(payload?.exp) - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
    link.searchParams.set('state', signer.sign({ ...payload, exp: Date.now() - 1 }));
    const { status, page } = await authorise(link.href);
    expect(status).toBe(410);
    expect(page).toContain('expired');
    expect(store().connections.acme).toBeUndefined();
  });

  for (const [failure, status, words] of [
    ['token-400', 502, 'Acme refused to issue a token (&quot;invalid_grant&quot;)'],
    ['token-500', 502, 'HTTP 500'],
    ['token-not-json', 502, 'its answer is not JSON'],
  ] as const) {
    it(`shows a clear page when the token endpoint fails (${failure}), and changes nothing`, async () => {
      await disconnected();
      const link = await connectLink();
      const audited = (await auditActions()).length;
      provider.failures.add(failure);
      try {
        const { status: got, page } = await authorise(link);
        expect(got).toBe(status);
        expect(page).toContain(words);
        expect(page).toContain('Nothing was changed');
      } finally {
        provider.failures.delete(failure);
      }
      expect(store().connections.acme).toBeUndefined();
      expect(store().installs.acme?.connected).toBe(false);
      expect((await auditActions()).length).toBe(audited);
    });
  }
});

describe('disconnecting', () => {
  it('revokes the token at the provider (RFC 7009) on Disconnect, deletes it and updates the card', async () => {
    await connected();
    const directory = await s.slash(ADMIN, 'integrations', ADMINS);
    const button = buttonsOf(directory.blocks).find(
      (b) => b.verb === 'disconnectIntegration' && b.data.integrationId === 'acme',
    );
    expect(button).toBeDefined();
    const before = provider.revoked.length;
    const answer = await clickOn(ADMIN, { channel: ADMINS, ts: '1.000' }, button);
    expect(String(answer.text)).toContain('Acme revoked its token');
    const [call] = provider.revoked.slice(before);
    expect(call).toMatchObject({ hint: 'refresh_token', clientId: CLIENT.id });
    expect(provider.issued).toContain(call?.token);
    expect(store().connections.acme).toBeUndefined();
    expect(store().installs.acme?.connected).toBe(false);
    expect((await auditActions()).at(-1)).toBe('integration-disconnected');
  });

  it('reports a failed revocation clearly and still deletes the token here', async () => {
    await connected();
    provider.failures.add('revoke-500');
    try {
      const answer = await s.slash(ADMIN, 'disconnect acme', ADMINS);
      expect(String(answer.text)).toMatch(/did not revoke its token \(HTTP 500: unexpected HTTP status\)/);
    } finally {
      provider.failures.delete('revoke-500');
    }
    expect(store().connections.acme).toBeUndefined();
  });

  it('refuses members', async () => {
    await connected();
    const answer = await s.slash(MEMBER, 'disconnect acme');
    expect(String(answer.text)).toContain('Only system admins can connect and disconnect integrations');
    expect(store().connections.acme).toBeDefined();
  });
});

describe('where the token never appears', () => {
  it('is not in logs, chat, the CSV export or the data directory (the database) in clear', async () => {
    await connected();
    const exported = linkIn(await s.slash(ADMIN, 'export acme', ADMINS));
    const csv = await (await fetch(exported.replace(PUBLIC_URL, s.bot.url))).text();
    expect(csv).toContain('integration-connected');
    const kept = await keptText(s.dataDir);
    expect(kept).toContain('integration-connected');
    expect(JSON.stringify(store().connections.acme)).toMatch(/"sealedToken":"v1\./);
    const places = {
      logs: logger.text(),
      slack: JSON.stringify(s.api.history),
      csv,
      dataDir: kept,
      state: JSON.stringify(store()),
    };
    expect(provider.issued.length).toBeGreaterThan(0);
    for (const token of provider.issued)
      for (const [where, text] of Object.entries(places))
        expect(text.includes(token), `${where}`).toBe(false);
    expect(Object.values(places).join('').includes(CLIENT.secret)).toBe(false);
  });
});

describe('entries without a working connect step', () => {
  it('says the connect step is not configured (and logged it at start-up) when its env vars are missing', async () => {
    await s.slash(ADMIN, 'enable unset for all', ADMINS);
    const answer = await s.slash(ADMIN, 'connect unset', ADMINS);
    expect(String(answer.text)).toContain('Set UNSET_CLIENT_ID and UNSET_CLIENT_SECRET');
    const line = logger.lines.find((l) => l.message.startsWith('connect step not configured'));
    expect(line?.fields).toMatchObject({
      integration: 'unset',
      missing: ['UNSET_CLIENT_ID', 'UNSET_CLIENT_SECRET'],
    });
  });

  it('gives an entry without oauth no connect step and never calls it connected', async () => {
    s.api.reset();
    await s.slash(MEMBER, 'request zoom because meetings');
    const posted = await s.postIn(ADMINS, /^Request for Zoom/);
    const notice = { channel: String(posted.result?.channel), ts: String(posted.result?.ts) };
    const all = buttonsOf(posted.args.blocks).find(
      (b) => b.verb === 'approveRequest' && b.data.scope === 'all',
    );
    const step = await clickOn(ADMIN, notice, all);
    const decided = await clickOn(
      ADMIN,
      notice,
      buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove'),
    );
    expect(JSON.stringify(decided)).not.toMatch(/connect/i);
    const answer = await s.slash(ADMIN, 'connect zoom', ADMINS);
    expect(String(answer.text)).toContain('Zoom has no connect step');
    const report = JSON.stringify(await s.slash(ADMIN, 'report', ADMINS));
    expect(report).toContain('Zoom');
    expect(report).not.toMatch(/zoom[^}]*connected/i);
    const updated = await cardUpdate(notice, /Approved by Ada/);
    expect(JSON.stringify(updated.args)).not.toMatch(/connect/i);
  });
});
