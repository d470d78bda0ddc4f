/**
 * Everything the bot keeps, on PostgreSQL (`DATABASE_URL`): one pool, the migrations run at start
 * (every replica may run them; they queue on a lock), the store, the audit log, and the signing
 * secret of links, which every replica must share, so it is made once and kept in the database.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createPostgresPool } from './create-pool.js';
import { runMigrations } from './migrate.js';
import { createPostgresAuditLog, type PostgresAuditLog } from './postgres-audit-log.js';
import { createPostgresStore, type PostgresStore } from './postgres-store.js';

export interface PostgresStorage {
  store: PostgresStore;
  audit: PostgresAuditLog;
  /** STATE_SECRET when configured, else the database's own. */
  signingSecret: string;
  /** Closes the store and the audit log, then the pool and the listener connection. */
  close(): Promise<void>;
}

/** The signing secret every replica shares: the first replica to start makes it. */
async function sharedSecret(pool: pg.Pool): Promise<string> {
  await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    'signing',
    randomBytes(32).toString('base64url'),
  ]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [
    'signing',
  ]);
  return rows[0]?.value as string;
}

export async function openPostgresStorage(input: {
  url: string;
  configuredSecret: string | null;
  onError?: (message: string, error: unknown) => void;
}): Promise<PostgresStorage> {
  const pool = createPostgresPool({
    url: input.url,
    onIdleError: (error) => input.onError?.('an idle database connection failed', error),
  });
  try {
    const migrations = await runMigrations({ pool });
    const audit = await createPostgresAuditLog({ pool });
    // The store writes the audit entries a change numbers in that change's transaction.
    const store = await createPostgresStore({
      pool,
      audit,
      onError: input.onError,
      knownMigration: migrations.known,
    });
    const signingSecret = input.configuredSecret ?? (await sharedSecret(pool));
    return {
      store,
      audit,
      signingSecret,
      close: async () => {
        try {
          await audit.close();
          await store.close();
        } finally {
          await pool.end();
        }
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
