import { utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE_NAME } from '../../src/adapters/storage/index.js';
import { databaseUrlFor, onPostgres } from '../support/test-store.js';
import { runScript, tempDataDir } from './helpers.js';

// The digest has its own story (digest-tick.test.ts); off here, so only deadline notices are counted.
const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  ADMINS: 'console:admin',
  TIMEZONE: 'Europe/Paris',
  DIGEST: 'off',
});
const tick = (dataDir: string, at: string) =>
  runScript({ script: 'src/bin/tick.ts', args: ['--at', at], env: env(dataDir) });
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('npm run tick', () => {
  it('plays the deadline story from the command line, printing each notice once', {
    timeout: 120_000,
  }, async () => {
    const dataDir = tempDataDir('bot-tick-');
    const chat = await runScript({
      script: 'src/bin/chat.ts',
      env: env(dataDir),
      stdin: 'enable surveymonkey for all\n',
    });
    expect(chat.stdout).toContain('SurveyMonkey is enabled for all groups.');

    const before = await tick(dataDir, '2027-01-31T12:00:00Z');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Done: 0 changed, 0 queued');

    const disable = await tick(dataDir, '2027-02-01T09:00:00Z');
    expect(disable.code).toBe(0);
    expect(disable.stdout).toContain('change: SurveyMonkey: disabled at its auto-disable date');
    expect(count(disable.stdout, '1 integration needs your attention')).toBe(1);
    expect(disable.stdout).toContain('Keep until 3 May');

    const again = await tick(dataDir, '2027-02-01T09:00:00Z');
    expect(again.stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');

    const keep = await runScript({
      script: 'src/bin/chat.ts',
      env: env(dataDir),
      stdin: 'keep surveymonkey\n',
    });
    expect(keep.stdout).toContain('SurveyMonkey stays on until 3 May 2027');

    const reminder = await tick(dataDir, '2027-04-27T09:00:00Z');
    expect(count(reminder.stdout, 'SurveyMonkey: 6 days until its review deadline')).toBe(1);

    const final = await tick(dataDir, '2027-05-03T09:00:00Z');
    expect(final.stdout).toContain('change: SurveyMonkey: disabled for good at its deadline');
    expect(count(final.stdout, '1 integration was disabled for good')).toBe(1);
    expect(final.code).toBe(0);
  });

  // The data-directory lock is the file store's: on PostgreSQL (TEST_STORE=postgres) replicas share
  // the database and take no lock, so the two lock stories below are the default store's only.
  it.skipIf(onPostgres)(
    'refuses to run on a data directory another process holds',
    {
      timeout: 60_000,
    },
    async () => {
      const dataDir = tempDataDir('bot-tick-');
      const lock = acquireDataDirLock(dataDir);
      try {
        const refused = await tick(dataDir, '2027-02-01T09:00:00Z');
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toContain(
          `tick failed: Another bot process (pid ${process.pid} on host ${hostname()}) holds the lock ${lock.file}`,
        );
        expect(refused.stdout).not.toContain('Scheduled passes');
      } finally {
        lock.release();
      }
    },
  );

  it.skipIf(onPostgres)(
    'recovers a lock left by a process on another host that stopped refreshing it',
    {
      timeout: 60_000,
    },
    async () => {
      const dataDir = tempDataDir('bot-tick-');
      const file = join(dataDir, LOCK_FILE_NAME);
      writeFileSync(
        file,
        JSON.stringify({ pid: 1, host: 'recreated-container', startedAt: '2027-01-01T00:00:00Z' }),
      );
      const lastBeat = new Date(Date.now() - 10 * 60_000);
      utimesSync(file, lastBeat, lastBeat);
      const run = await tick(dataDir, '2027-02-01T09:00:00Z');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Done: 0 changed');
    },
  );

  it.runIf(onPostgres)(
    'leaves to a running replica the notices it has claimed, printing them apart, and exits 0',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDataDir('bot-tick-');
      await runScript({
        script: 'src/bin/chat.ts',
        env: env(dataDir),
        stdin: 'enable surveymonkey for all\n',
      });
      // Another replica holds the console's conversation for the next five minutes (wall clock, as
      // claims are dated whatever --at says).
      const client = new pg.Client({ connectionString: await databaseUrlFor(dataDir) });
      await client.connect();
      const claim = { by: 'another-replica', until: new Date(Date.now() + 5 * 60_000).toISOString() };
      try {
        await client.query('INSERT INTO delivery_claims (key, doc) VALUES ($1, $2)', [
          'console:admin',
          claim,
        ]);
        const held = await tick(dataDir, '2027-02-01T09:00:00Z');
        expect(held.stdout).toContain('change: SurveyMonkey: disabled at its auto-disable date');
        expect(held.stdout).toMatch(
          /0 delivered, 0 given up, 0 still waiting, 1 being sent by another replica\./,
        );
        expect(count(held.stdout, '1 integration needs your attention')).toBe(0);
        expect(held.code).toBe(0);

        // The replica's claim gone (it stopped, its lease ran out): the notice is this tick's again.
        await client.query('DELETE FROM delivery_claims WHERE key = $1', ['console:admin']);
        const freed = await tick(dataDir, '2027-02-01T09:00:00Z');
        expect(count(freed.stdout, '1 integration needs your attention')).toBe(1);
        expect(freed.stdout).toMatch(/1 delivered, 0 given up, 0 still waiting\./);
        expect(freed.code).toBe(0);
      } finally {
        await client.end();
      }
    },
  );

  it('says what --at expects when it is not a time', { timeout: 60_000 }, async () => {
    const result = await tick(tempDataDir('bot-tick-'), 'next tuesday');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--at expects an ISO time');
  });
});
