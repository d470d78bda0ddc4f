import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningBot } from '../../src/compose.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { startTestBot } from '../support/test-bot.js';
import { databaseUrlFor, onPostgres } from '../support/test-store.js';
import { runScript, tempDataDir } from './helpers.js';

const admin = { id: 'console:admin', name: 'Admin' };
const origin = { conversationId: 'console:admin', kind: 'personal' as const };

describe('HTTP endpoints over real HTTP', () => {
  let bot: RunningBot;
  const dataDir = tempDataDir();
  const say = async (text: string) =>
    (await bot.core.engine.handleText({ actor: admin, origin, text })).views;

  beforeAll(async () => {
    bot = await startTestBot({
      env: {
        PORT: '0',
        DATA_DIR: dataDir,
        ADMINS: 'console:admin',
        PUBLIC_URL: 'http://bot.test',
        O365_CLIENT_ID: 'client-1',
      },
      logger: silentLogger,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers /healthz with JSON', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz with 200 while its store can serve', async () => {
    const res = await fetch(`${bot.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it.runIf(onPostgres)(
    "answers /readyz with 503 while the connection hearing other replicas' writes is down",
    async () => {
      const url = new URL(await databaseUrlFor(dataDir));
      const name = url.pathname.slice(1);
      url.pathname = '/postgres';
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`,
          [name],
        );
      } finally {
        await client.end();
      }
      await vi.waitFor(async () => expect((await fetch(`${bot.url}/readyz`)).status).toBe(503), {
        timeout: 5_000,
      });
      const res = await fetch(`${bot.url}/readyz`);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        problem: "its connection that hears other replicas' writes is down (reconnecting)",
      });
      // It reconnects on its own, and is ready again.
      await vi.waitFor(async () => expect((await fetch(`${bot.url}/readyz`)).status).toBe(200), {
        timeout: 10_000,
      });
    },
  );

  it.runIf(onPostgres)(
    'answers /readyz with 503 once a newer release has migrated its database',
    async () => {
      const client = new pg.Client({ connectionString: await databaseUrlFor(dataDir) });
      await client.connect();
      try {
        const newer = await client.query<{ version: number }>(
          "INSERT INTO schema_migrations (version, name, checksum) SELECT max(version) + 1, 'newer', 'x' FROM schema_migrations RETURNING version",
        );
        const version = newer.rows[0]?.version ?? 0;
        await vi.waitFor(async () => expect((await fetch(`${bot.url}/readyz`)).status).toBe(503), {
          timeout: 5_000,
        });
        const res = await fetch(`${bot.url}/readyz`);
        expect(await res.json()).toEqual({
          status: 'unavailable',
          problem: `a newer release migrated its database (to migration ${version}; this release knows up to ${version - 1}): replace this replica with the new release`,
        });
        await client.query('DELETE FROM schema_migrations WHERE version = $1', [version]);
      } finally {
        await client.end();
      }
      await vi.waitFor(async () => expect((await fetch(`${bot.url}/readyz`)).status).toBe(200), {
        timeout: 5_000,
      });
    },
  );

  it('completes Office 365 consent from the callback once, with a page', async () => {
    const [view] = await say('set provider skype');
    const consentUrl = (view as { consent: { url: string } }).consent.url;
    const state = new URL(consentUrl).searchParams.get('state') ?? '';
    const callback = `${bot.url}/auth/office365/callback?admin_consent=True&tenant=contoso&state=${encodeURIComponent(state)}`;
    const ok = await fetch(callback);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/html');
    expect(await ok.text()).toContain('Skype for Business is set up');
    expect(bot.core.deps.store.read().provider).toMatchObject({
      current: 'skype',
      consent: { tenant: 'contoso' },
    });
    const again = await fetch(callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already used');
  });

  it('shows a failure page for error, bad, missing and repeated parameters', async () => {
    for (const query of [
      'error=access_denied&state=x',
      'state=not.valid',
      '',
      'state=a&state=b',
      `state=${'x'.repeat(5000)}`,
    ]) {
      const res = await fetch(`${bot.url}/auth/office365/callback?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain('Consent not completed');
    }
  });

  it('serves the history as CSV from a signed link, and refuses bad tokens', async () => {
    await say('group create Sales');
    await say('enable dropbox for Sales');
    const [link] = await say('export dropbox');
    const url = (link as { url: string }).url.replace('http://bot.test', bot.url);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('when,who,what,integration,details');
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['integration-enabled']);
    expect(lines[1]).toContain('console:admin');
    expect((await fetch(`${url}x`)).status).toBe(404);
    expect((await fetch(`${bot.url}/exports/${'a'.repeat(3000)}`)).status).toBe(404);
  });

  it('has no connect route for an integration without an oauth block', async () => {
    expect((await fetch(`${bot.url}/auth/integrations/zoom/callback?state=x`)).status).toBe(404);
    const res = await fetch(`${bot.url}/oauth/callback?state=x&code=y`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This connect link is not valid');
  });

  it('answers unknown routes with 404 and stays up', async () => {
    expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

describe('start-up', () => {
  it('stops with one line naming a bad variable', async () => {
    const run = await runScript({
      script: 'src/bin/start.ts',
      env: { PORT: 'eighty', DATA_DIR: tempDataDir() },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Invalid PORT \(got "eighty"\): expected .+$/);
  });

  // The data-directory lock is the file store's: on PostgreSQL (TEST_STORE=postgres) several
  // processes on one database are replicas, which e2e/postgres-core and the store's tests cover.
  it.skipIf(onPostgres)('refuses a second process on the same data directory', async () => {
    const dataDir = tempDataDir();
    const first = await startTestBot({
      env: { PORT: '0', DATA_DIR: dataDir },
      logger: silentLogger,
      scheduler: false,
    });
    try {
      const second = await runScript({ script: 'src/bin/start.ts', env: { PORT: '0', DATA_DIR: dataDir } });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`holds the lock ${join(dataDir, 'bot.lock')}`);
    } finally {
      await first.close();
    }
  });
});
