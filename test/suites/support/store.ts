/**
 * The store the crash and platform fault suites run the bot on, chosen by `TEST_STORE`:
 * - unset or `lowdb`: a data directory (DATA_DIR), loaded from a copy (data-dir.ts);
 * - `postgres`: a fresh PostgreSQL database (DATABASE_URL), on `TEST_DATABASE_URL`'s server when set,
 *   else on an embedded server (test/support/postgres.ts). DATA_DIR then names a directory that must
 *   stay absent: nothing the bot keeps may land in files.
 * Either way `loadStoreCopy` gives the state and audit history as the next start would see them, in
 * the same shape, without changing what the next start finds.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresAuditLog, createPostgresStore } from '../../../src/adapters/storage/postgres/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { State } from '../../../src/domain/state.js';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.js';
import { type Loaded, loadDataDirCopy } from './data-dir.js';

export type StoreKind = 'lowdb' | 'postgres';

/** `TEST_STORE`: `lowdb` (the default) or `postgres`; anything else is refused, not silently lowdb. */
export function storeKind(value = process.env.TEST_STORE): StoreKind {
  const kind = (value ?? '').trim().toLowerCase() || 'lowdb';
  if (kind !== 'lowdb' && kind !== 'postgres')
    throw new Error(`TEST_STORE must be "lowdb" or "postgres", not "${value}"`);
  return kind;
}

export interface SuiteStore {
  kind: StoreKind;
  /** What a bot process needs to use this store (DATA_DIR, and DATABASE_URL on PostgreSQL). */
  env: Record<string, string>;
  /** Files found under DATA_DIR on PostgreSQL, where there must be none (always empty on lowdb). */
  strayFiles(): string[];
  /** Drops the database (nothing on lowdb: the caller removes its temp directory). */
  close(): Promise<void>;
}

/** Makes the suite's store under `root` (a temp directory the suite removes). */
export async function openSuiteStore(root: string, kind = storeKind()): Promise<SuiteStore> {
  const dataDir = join(root, 'data');
  if (kind === 'lowdb')
    return { kind, env: { DATA_DIR: dataDir }, strayFiles: () => [], close: async () => {} };
  const database: TestDatabase = await createTestDatabase();
  return {
    kind,
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      // A killed process's claims on conversations hold them off the next process for this lease
      // (no process can tell the holder died); the default 5 minutes would stall the suites after
      // each kill. Not shorter than the longest send (the Bot Connector's 30 s timeout), which a
      // claim must outlast (claims.ts): at 10 s a send held by a `timeout` fault outlived its claim.
      DELIVERY_CLAIM_LEASE: '45s',
    },
    strayFiles: () =>
      existsSync(dataDir) ? [dataDir, ...readdirSync(dataDir, { recursive: true }).map(String)] : [],
    close: () => database.drop(),
  };
}

/**
 * The state and audit history held in the database, read on connections that refuse writes
 * (`default_transaction_read_only`), so the check cannot change what the next start finds. The
 * state is read before the audit: a change's entries wait in the state's audit queue until they
 * are in the audit table, so read in this order an entry is in one or the other, as on lowdb.
 */
async function loadDatabase(url: string): Promise<Loaded> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    options: '-c default_transaction_read_only=on',
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {});
  try {
    const store = await createPostgresStore({ pool, listen: false });
    const state = structuredClone(store.read()) as State;
    await store.close();
    const log = await createPostgresAuditLog({ pool });
    const audit: AuditEntry[] = [];
    for await (const entry of log.read()) audit.push(entry);
    const inLog = audit.reduce((max, e) => Math.max(max, e.seq ?? 0), 0);
    audit.push(...state.auditQueue.pending.filter((e) => e.seq > inLog));
    await log.close();
    return { state, audit, skippedAuditLines: 0 };
  } finally {
    await pool.end();
  }
}

/** The state and audit history of the suite's store as the next start would load them; throws when they do not load. */
export function loadStoreCopy(store: SuiteStore): Promise<Loaded> {
  if (store.kind === 'lowdb') return loadDataDirCopy(store.env.DATA_DIR as string);
  return loadDatabase(store.env.DATABASE_URL as string);
}
