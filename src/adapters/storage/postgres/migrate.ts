/**
 * Applies the migrations not yet recorded in `schema_migrations`, in version order, each in its
 * own transaction together with its record, so a failed one leaves nothing half done.
 *
 * Several replicas may start at once: every transaction first takes one transaction-level
 * advisory lock (`pg_advisory_xact_lock`), so they queue; each re-reads what is recorded under
 * the lock, and the one that comes second finds the migration applied and skips it. The lock is
 * released by COMMIT or ROLLBACK, or by the server when a replica's connection dies, so a crashed
 * start never leaves it held. Written here instead of using a migration library (node-pg-migrate,
 * postgrator) because none is installed, the whole runner is these few lines on the `pg` pool the
 * store already has, and such libraries take the same advisory lock internally.
 *
 * Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are not supported.
 */
import type pg from 'pg';
import { loadMigrations, type Migration } from './migrations.js';

/** Any fixed number shared by every replica of this bot: the key of the migration lock. */
const MIGRATION_LOCK_KEY = 7_351_220_901;

export interface MigrationReport {
  /** Versions this run applied (empty when another replica or an earlier start did them). */
  applied: number[];
  /** Every version recorded once the run is over. */
  recorded: number[];
  /** The newest version this release has (0 without migrations). */
  known: number;
}

export class MigrationError extends Error {
  readonly code = 'migration-failed';
}

interface Recorded {
  version: number;
  checksum: string;
}

async function inLockedTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function recordedOf(client: pg.PoolClient): Promise<Recorded[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<Recorded>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return rows;
}

/** Refuses to start on a database whose applied migrations were since edited in the repository. */
function checkUnchanged(migrations: readonly Migration[], recorded: readonly Recorded[]): void {
  for (const r of recorded) {
    const m = migrations.find((x) => x.version === r.version);
    if (m && m.checksum !== r.checksum)
      throw new MigrationError(
        `migration ${String(r.version).padStart(4, '0')}_${m.name}.sql was changed after it was applied; add a new migration instead`,
      );
  }
}

async function applyOne(pool: pg.Pool, migration: Migration): Promise<boolean> {
  return inLockedTransaction(pool, async (client) => {
    const recorded = await recordedOf(client);
    if (recorded.some((r) => r.version === migration.version)) return false;
    try {
      await client.query(migration.sql);
    } catch (error) {
      const label = `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`;
      throw new MigrationError(`migration ${label} failed: ${(error as Error).message}`, { cause: error });
    }
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
    return true;
  });
}

/** Brings the database up to the newest migration; safe to call from every replica at start-up. */
export async function runMigrations(input: { pool: pg.Pool; dir?: string }): Promise<MigrationReport> {
  const migrations = await loadMigrations(input.dir);
  const before = await inLockedTransaction(input.pool, recordedOf);
  checkUnchanged(migrations, before);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (before.some((r) => r.version === migration.version)) continue;
    if (await applyOne(input.pool, migration)) applied.push(migration.version);
  }
  const after = await inLockedTransaction(input.pool, recordedOf);
  return {
    applied,
    recorded: after.map((r) => r.version),
    known: Math.max(0, ...migrations.map((m) => m.version)),
  };
}
