/**
 * What `npm run copy-data` needs of a database beyond the Store and the AuditLog ports: whether it
 * holds the bot's tables at all, the shared signing secret (which also seals OAuth tokens, so it
 * travels with the state), and emptying the audit history when a copy replaces it.
 */
import type pg from 'pg';

const SIGNING = 'signing';

/** True when the database has been set up by the bot (its migrations table exists). */
export async function hasBotTables(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS found",
  );
  return rows[0]?.found === true;
}

/** The signing secret the replicas share, or null when none was made yet. */
export async function readSigningSecret(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [
    SIGNING,
  ]);
  return rows[0]?.value ?? null;
}

/** Sets the shared signing secret (a copy brings the source's, so its sealed tokens stay readable). */
export async function writeSigningSecret(pool: pg.Pool, value: string): Promise<void> {
  await pool.query(
    'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value',
    [SIGNING, value],
  );
}

/** How many audit entries the database holds. */
export async function countAuditEntries(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit');
  return Number(rows[0]?.n ?? 0);
}

/** Empties the audit history: only a copy that replaces the whole content (`--replace`) does this. */
export async function clearAuditEntries(pool: pg.Pool): Promise<void> {
  await pool.query('DELETE FROM audit');
}
