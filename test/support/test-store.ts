/**
 * Which store the application and end-to-end tests run on: the default ones (the in-memory store
 * in `aCore`, a data directory under each real bot), or, with `TEST_STORE=postgres` (the
 * `postgres` project of vitest.config.ts), PostgreSQL.
 *
 * On PostgreSQL every store is a database of its own, a copy of the run's migrated template
 * (test/support/test-store-global.ts), so stores that live at once (two bots, a restart) stay
 * independent.
 * - `aCore` opens its store on one database per test file, emptied first (or, for a second store
 *   in one test, on a database of its own); the store is closed after the test (test-store-setup.ts);
 * - a bot started on a data directory gets `DATABASE_URL` of a database made for that directory,
 *   the same one each time, so a restart "on the same data directory" finds what it kept.
 * Every database is dropped after its test file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { inject } from 'vitest';
import type { MemoryAuditLog } from '../../src/adapters/storage/index.js';
import { AuditEntry } from '../../src/application/ports/audit-log.js';
import type { Store } from '../../src/application/ports/store.js';
import type { TestDatabase } from './postgres-server.js';

// PostgreSQL's driver, adapter and harness are loaded only on PostgreSQL: the default run stays as it was.
const postgresAdapter = () => import('../../src/adapters/storage/postgres/index.js');
const newPool = async (url: string, max: number) =>
  new (await import('pg')).default.Pool({ connectionString: url, max });

/** True in the `postgres` project: stores are PostgreSQL databases. */
export const onPostgres = process.env.TEST_STORE === 'postgres';

const databases: TestDatabase[] = [];
const byDataDir = new Map<string, Promise<string>>();
let toClose: (() => Promise<void>)[] = [];
/** Pools to end before the file's databases are dropped. */
let toEnd: (() => Promise<void>)[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const { createDatabase } = await import('./postgres-server.js');
  const database = await createDatabase({
    externalUrl: inject('testStoreAdminUrl'),
    template: inject('testStoreTemplate'),
  });
  databases.push(database);
  return database;
}

/** The database standing for a data directory (made at the first ask). */
export function databaseUrlFor(dataDir: string): Promise<string> {
  let url = byDataDir.get(dataDir);
  if (!url) {
    url = freshDatabase().then((d) => d.url);
    byDataDir.set(dataDir, url);
  }
  return url;
}

/**
 * A bot's environment on the store under test: unchanged by default; on PostgreSQL, with the
 * `DATABASE_URL` of its `DATA_DIR`'s database (unless it names one itself).
 */
export async function storeEnv<E extends Record<string, string | undefined>>(env: E): Promise<E> {
  if (!onPostgres || env.DATABASE_URL || !env.DATA_DIR) return env;
  return { ...env, DATABASE_URL: await databaseUrlFor(env.DATA_DIR) };
}

/**
 * The database `aCore` reuses within a test file, emptied before each store opens on it: emptying
 * (TRUNCATE, then the rows the migrations seed put back) is several times cheaper than copying
 * the template and dropping the copy, and one pool serves every store of the file.
 */
interface Reusable {
  pool: pg.Pool;
  /** Empties every table but the migrations' own and puts back what the migrations seeded. */
  reset(): Promise<void>;
  /** Whether a store of this test is open on it (a second `aCore` in a test gets a database of its own). */
  busy: boolean;
}
let reusable: Promise<Reusable> | null = null;

async function openReusable(): Promise<Reusable> {
  const database = await freshDatabase();
  const pool = await newPool(database.url, 4);
  toEnd.push(() => pool.end());
  const { rows } = await pool.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  const tables = rows.map((r) => r.name);
  const seeded: { table: string; rows: unknown[] }[] = [];
  for (const table of tables) {
    const { rows: seeds } = await pool.query(`SELECT * FROM ${table}`);
    if (seeds.length) seeded.push({ table, rows: seeds });
  }
  return {
    pool,
    busy: false,
    reset: async () => {
      await pool.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
      for (const { table, rows: seeds } of seeded)
        await pool.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`, [
          JSON.stringify(seeds),
        ]);
    },
  };
}

/**
 * For `aCore`: a PostgreSQL store and audit log on an emptied database, closed after the test.
 * The audit log also keeps, in `entries`, what was appended through it once the database took
 * it, as the in-memory one does, for the tests that look at it synchronously.
 */
export async function openTestStorage(): Promise<{ store: Store; audit: MemoryAuditLog }> {
  reusable ??= openReusable();
  const shared = await reusable;
  let pool: pg.Pool;
  if (shared.busy) {
    const database = await freshDatabase();
    pool = await newPool(database.url, 4);
    toEnd.push(() => pool.end());
  } else {
    shared.busy = true;
    await shared.reset();
    pool = shared.pool;
  }
  const { createPostgresAuditLog, createPostgresStore } = await postgresAdapter();
  const store = await createPostgresStore({ pool });
  const log = await createPostgresAuditLog({ pool });
  toClose.push(async () => {
    await log.close();
    await store.close();
    if (pool === shared.pool) shared.busy = false;
  });
  const entries: AuditEntry[] = [];
  const audit: MemoryAuditLog = {
    entries,
    append: async (batch) => {
      const before = log.lastSeq();
      await log.append(batch);
      for (const entry of batch) if (entry.seq === undefined || entry.seq > before) entries.push(entry);
    },
    read: (filter) => log.read(filter),
    latestByIntegration: () => log.latestByIntegration(),
    lastSeq: () => log.lastSeq(),
  };
  return { store, audit };
}

/** The audit history a bot kept for `dataDir`: its audit.jsonl, or its database's audit table. */
export async function auditOf(dataDir: string): Promise<AuditEntry[]> {
  if (!onPostgres) {
    const text = await readFile(join(dataDir, 'audit.jsonl'), 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => AuditEntry.parse(JSON.parse(line)));
  }
  const { createPostgresAuditLog } = await postgresAdapter();
  const pool = await newPool(await databaseUrlFor(dataDir), 1);
  try {
    const log = await createPostgresAuditLog({ pool });
    const entries: AuditEntry[] = [];
    for await (const entry of log.read()) entries.push(entry);
    await log.close();
    return entries;
  } finally {
    await pool.end();
  }
}

/**
 * Everything a bot keeps for `dataDir`, as text, to look for what must never be kept in clear: its
 * data directory's files, or every row of its database.
 */
export async function keptText(dataDir: string): Promise<string> {
  if (!onPostgres) {
    const texts = await Promise.all(
      (await readdir(dataDir)).map((name) => readFile(join(dataDir, name), 'utf8').catch(() => '')),
    );
    return texts.join('\n');
  }
  const pool = await newPool(await databaseUrlFor(dataDir), 1);
  try {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    const texts: string[] = [];
    for (const { name } of rows) {
      const { rows: kept } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      texts.push(...kept.map((r) => r.row));
    }
    return texts.join('\n');
  } finally {
    await pool.end();
  }
}

/**
 * On PostgreSQL, forgets the delivery claims kept for `dataDir` (nothing to do on files, where a
 * worker claims nothing). A stopped bot keeps its claim on a conversation for the conversation's
 * rate-limit window after its last send (up to 30 s of wall time, src/adapters/delivery/claims.ts),
 * so the limits hold across replicas; a test restarting a bot at once calls this to take that
 * window as passed instead of waiting it out.
 */
export async function forgetDeliveryClaims(dataDir: string): Promise<void> {
  if (!onPostgres) return;
  const pool = await newPool(await databaseUrlFor(dataDir), 1);
  try {
    await pool.query('DELETE FROM delivery_claims');
  } finally {
    await pool.end();
  }
}

/** Closes the stores `aCore` opened (after each test). */
export async function closeTestStores(): Promise<void> {
  const closing = toClose;
  toClose = [];
  await Promise.all(closing.map((close) => close().catch(() => {})));
}

/** Drops every database this file made (after the file). */
export async function dropTestDatabases(): Promise<void> {
  await closeTestStores();
  const ending = toEnd;
  toEnd = [];
  reusable = null;
  await Promise.all(ending.map((end) => end().catch(() => {})));
  const dropping = databases.splice(0);
  byDataDir.clear();
  await Promise.all(dropping.map((d) => d.drop()));
}
