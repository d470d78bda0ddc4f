import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openPostgresStorage,
  type PostgresStorage,
} from '../../../../src/adapters/storage/postgres/open-postgres-storage.js';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.js';

describe('openPostgresStorage', () => {
  let database: TestDatabase;
  const opened: PostgresStorage[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await database.drop();
  });
  const open = async (configuredSecret: string | null = null) => {
    const storage = await openPostgresStorage({ url: database.url, configuredSecret });
    opened.push(storage);
    return storage;
  };

  it('migrates an empty database and gives every replica the one signing secret the first made', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect(a.signingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.signingSecret).toBe(a.signingSecret);
    expect((await open('a-configured-secret-of-enough-length')).signingSecret).toBe(
      'a-configured-secret-of-enough-length',
    );
  });

  it('refuses to start, saying why, when the database cannot be reached', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    await expect(
      openPostgresStorage({ url: unreachable.toString(), configuredSecret: null }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  /** Runs SQL on the server's maintenance database, beside the test database. */
  const onServer = async (sql: string) => {
    const url = new URL(database.url);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const name = () => new URL(database.url).pathname.slice(1);
  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('is ready while its database answers and it hears other replicas, and says which is missing', async () => {
    const storage = await open();
    expect(await storage.store.readiness?.()).toBeNull();

    // The LISTEN connection cut: not ready until it has reconnected.
    await onServer(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name()}' AND query LIKE 'LISTEN%'`,
    );
    await until(async () =>
      /hears other replicas' writes is down/.test((await storage.store.readiness?.()) ?? ''),
    );
    await until(async () => (await storage.store.readiness?.()) === null);

    // No new connection accepted and the pool's cut: the database cannot be reached.
    await onServer(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS false`);
    try {
      await onServer(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name()}' AND query NOT LIKE 'LISTEN%'`,
      );
      await until(async () => (await storage.store.readiness?.()) === 'it cannot reach its database');
    } finally {
      await onServer(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS true`);
    }
    await until(async () => (await storage.store.readiness?.()) === null);
  });

  it('is not ready once a newer release has migrated its database, so a rolling deploy drains it', async () => {
    const storage = await open();
    expect(await storage.store.readiness()).toBeNull();
    // What a newer release's first replica does at start: record a migration this release lacks.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ known: number }>(
      'SELECT max(version) AS known FROM schema_migrations',
    );
    const known = rows[0]?.known ?? 0;
    await client.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, 'newer', 'x')", [
      known + 1,
    ]);
    await client.end();

    const expected = `a newer release migrated its database (to migration ${known + 1}; this release knows up to ${known}): replace this replica with the new release`;
    await until(async () => (await storage.store.readiness()) === expected);
    // A replica of this release started now is not ready either.
    expect(await (await open()).store.readiness()).toBe(expected);
  });
});
