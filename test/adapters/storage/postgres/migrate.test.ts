import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { MigrationError, runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import { loadMigrations, MIGRATIONS_DIR } from '../../../../src/adapters/storage/postgres/migrations.js';
import { createTestDatabase, harnessTimings, type TestDatabase } from '../../../support/postgres.js';

/** Every table the migrations leave (0002 replaced the tables of 0001), each holding a part of the domain state. */
const TABLES = [
  'addresses',
  'admin_channels',
  'audit',
  'blocked',
  'change_horizon',
  'change_notices',
  'changes',
  'connections',
  'countdowns',
  'custom_integrations',
  'delivery_claims',
  'groups',
  'inbound_events',
  'installs',
  'offered_reasons',
  'open_requests',
  'outbox',
  'people',
  'person_requests',
  'posted_cards',
  'requests',
  'schema_migrations',
  'secrets',
  'seen_events',
  'sent_keys',
  'singletons',
  'used_nonces',
];

describe('runMigrations', () => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];
  const poolOf = () => {
    const pool = createPostgresPool({ url: database.url, max: 2 });
    pools.push(pool);
    return pool;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await database.drop();
  });
  afterAll(() => {
    console.info(
      `postgres harness: server start ${harnessTimings.serverStartMs?.toFixed(0) ?? 'external'} ms; ` +
        `database creation ${harnessTimings.createDatabaseMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
  });

  it('applies every migration on an empty database and records each version', async () => {
    const pool = poolOf();
    const versions = (await loadMigrations()).map((m) => m.version);
    expect(versions[0]).toBe(1);

    const report = await runMigrations({ pool });

    expect(report.applied).toEqual(versions);
    expect(report.recorded).toEqual(versions);
    const { rows } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(TABLES);
    const recorded = await pool.query(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    expect(recorded.rows.map((r) => r.version)).toEqual(versions);
    expect(recorded.rows[0]).toMatchObject({
      name: 'initial',
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('changes nothing when run again', async () => {
    const pool = poolOf();
    await runMigrations({ pool });
    const before = await pool.query(
      'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version',
    );

    const again = await runMigrations({ pool });

    expect(again.applied).toEqual([]);
    expect(again.recorded).toEqual(before.rows.map((r) => r.version));
    const after = await pool.query(
      'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('applies each migration once when three replicas start at the same moment, and all succeed', async () => {
    const [first, second, third] = [poolOf(), poolOf(), poolOf()];
    const runners = [first, second, third];
    const versions = (await loadMigrations()).map((m) => m.version);

    const reports = await Promise.all(runners.map((pool) => runMigrations({ pool })));

    // Whichever replica got the lock first applied each version; the others found it recorded.
    expect(reports.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(versions);
    for (const report of reports) expect(report.recorded).toEqual(versions);
    const { rows } = await first.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(versions.length);
  });

  describe('with migrations of its own', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'iab-migrations-'));
      await copyFile(join(MIGRATIONS_DIR, '0001_initial.sql'), join(dir, '0001_initial.sql'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('rolls a failing migration back whole, records nothing of it, and says which file failed', async () => {
      const pool = poolOf();
      await writeFile(
        join(dir, '0002_broken.sql'),
        'CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);\n',
      );

      const run = runMigrations({ pool, dir });

      await expect(run).rejects.toThrow(MigrationError);
      await expect(run).rejects.toThrow(/0002_broken\.sql failed: relation "no_such_table" does not exist/);
      const recorded = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(recorded.rows.map((r) => r.version)).toEqual([1]);
      const table = await pool.query("SELECT to_regclass('public.half_done') AS t");
      expect(table.rows[0].t).toBeNull();
    });

    it('applies a later migration after the recorded ones, leaving those alone', async () => {
      const pool = poolOf();
      await runMigrations({ pool, dir });
      await writeFile(join(dir, '0002_more.sql'), 'ALTER TABLE people ADD COLUMN time_zone text;\n');

      const report = await runMigrations({ pool, dir });

      expect(report).toEqual({ applied: [2], recorded: [1, 2], known: 2 });
    });

    it('refuses to start when an applied migration was edited since', async () => {
      const pool = poolOf();
      await runMigrations({ pool, dir });
      await writeFile(join(dir, '0001_initial.sql'), '-- edited\nSELECT 1;\n');

      await expect(runMigrations({ pool, dir })).rejects.toThrow(
        'migration 0001_initial.sql was changed after it was applied; add a new migration instead',
      );
    });

    it('refuses a file that is not named like a migration', async () => {
      await writeFile(join(dir, 'notes.sql'), 'SELECT 1;');

      await expect(runMigrations({ pool: poolOf(), dir })).rejects.toThrow(
        /notes\.sql: migration files are named 0001_name\.sql/,
      );
    });
  });
});
