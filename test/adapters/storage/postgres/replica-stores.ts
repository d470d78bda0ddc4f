import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from '../../../../src/adapters/storage/postgres/postgres-store.js';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.js';

/**
 * A fresh database for each test, and replicas on it: `openReplica` gives a store with its own
 * pool, migrated first, closed after the test; `sql` looks at the rows directly.
 */
export function useReplicaStores() {
  let database: TestDatabase;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
    await database.drop();
  });

  /** An admin connection to the test database, for looking at its rows directly. */
  async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** A replica: its own pool and store on the test database, migrated first. */
  async function openReplica(options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> {
    const pool = createPostgresPool({ url: database.url, max: 3 });
    await runMigrations({ pool });
    const store = await createPostgresStore({ pool, ...options }).catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    cleanups.push(async () => {
      await store.close();
      await pool.end();
    });
    return store;
  }

  return {
    sql,
    openReplica,
    /** The current test's database. */
    database: () => database,
    /** Runs after the test, before the database is dropped (newest first). */
    cleanup: (fn: () => Promise<void>) => cleanups.push(fn),
  };
}
