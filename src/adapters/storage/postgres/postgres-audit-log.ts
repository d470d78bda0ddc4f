/**
 * The audit history in PostgreSQL's `audit` table (migrations/postgres/0002_state_tables.sql).
 * Entries are numbered by the state's audit queue, which every replica shares, so an append is
 * `INSERT … ON CONFLICT (seq) DO NOTHING`: an entry two replicas both append (each recovering the
 * queue) is kept once. An entry without a number is given the next one, under a lock. Reads page
 * through the table in order, so an export never holds the whole history in memory. The newest
 * entry per integration is kept in memory, loaded at start and brought up to date (with what other
 * replicas appended) at each append.
 *
 * With the PostgreSQL store, the entries a change numbers are inserted by the store in the change's
 * own transaction (postgres-store.ts, `audit`), which hands the rows back here (`took`): then the
 * log already holds them when the use case would append them, and no transaction of its own runs.
 */
import type pg from 'pg';
import { AuditEntry, type AuditLog } from '../../../application/ports/audit-log.js';
import { StoreError } from '../store-error.js';
import { databaseWriteFailed, isConnectionLoss } from './pg-errors.js';

/** Any fixed number shared by every replica: the key of the lock that numbers unnumbered entries. */
const AUDIT_LOCK_KEY = 7_351_220_903;
const PAGE = 500;

export interface PostgresAuditLog extends AuditLog {
  /** The lock that numbers unnumbered entries, which a store writing entries takes too. */
  lockKey: number;
  /** Takes in audit rows the store read back after committing entries with their change. */
  took(rows: readonly Record<string, unknown>[]): void;
  close(): Promise<void>;
}

interface Row {
  seq: string;
  at: string;
  actor: string;
  action: string;
  integration_id: string | null;
  details: string;
}

const COLUMNS = 'seq, at, actor, action, integration_id, details';

const entryOf = (row: Row): AuditEntry => ({
  at: row.at,
  actor: row.actor,
  action: row.action,
  integrationId: row.integration_id,
  details: row.details,
  seq: Number(row.seq),
});

function validated(entries: readonly AuditEntry[]): AuditEntry[] {
  return entries.map((entry, index) => {
    const parsed = AuditEntry.safeParse(entry);
    if (parsed.success) return parsed.data;
    throw new StoreError(
      'audit-invalid',
      `Audit entry ${index} is invalid: ${parsed.error.issues[0]?.message}`,
      {
        cause: parsed.error,
      },
    );
  });
}

export async function createPostgresAuditLog(input: { pool: pg.Pool }): Promise<PostgresAuditLog> {
  const { pool } = input;
  const latest = new Map<string, AuditEntry>();
  const { rows: newest } = await pool.query<Row>(
    `SELECT DISTINCT ON (integration_id) ${COLUMNS} FROM audit WHERE integration_id IS NOT NULL ORDER BY integration_id, seq DESC`,
  );
  for (const row of newest) latest.set(row.integration_id as string, entryOf(row));
  const { rows: top } = await pool.query<{ last: string }>('SELECT coalesce(max(seq), 0) AS last FROM audit');
  let lastSeq = Number(top[0]?.last ?? 0);
  let closed = false;

  /** Takes in what was appended past `after` (by this replica or others): the newest per integration, the last number. */
  const takeIn = (rows: readonly Row[]) => {
    for (const row of rows) {
      const entry = entryOf(row);
      lastSeq = Math.max(lastSeq, entry.seq ?? 0);
      if (entry.integrationId !== null) latest.set(entry.integrationId, entry);
    }
  };

  const append = async (entries: readonly AuditEntry[]) => {
    const client = await pool.connect().catch((cause: unknown) => {
      throw databaseWriteFailed('audit-write-failed', cause);
    });
    // A connection lost meanwhile is also emitted as an event, which must not end the process.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
      for (const entry of entries) {
        const values = [entry.at, entry.actor, entry.action, entry.integrationId, entry.details];
        if (entry.seq !== undefined)
          await client.query(
            `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seq) DO NOTHING`,
            [entry.seq, ...values],
          );
        else
          await client.query(
            `INSERT INTO audit (${COLUMNS}) SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5 FROM audit`,
            values,
          );
      }
      const { rows } = await client.query<Row>(`SELECT ${COLUMNS} FROM audit WHERE seq > $1 ORDER BY seq`, [
        lastSeq,
      ]);
      await client.query('COMMIT');
      client.off('error', onLost);
      client.release();
      takeIn(rows);
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => {});
      client.off('error', onLost);
      client.release(lost ?? (isConnectionLoss(cause) ? (cause as Error) : undefined));
      throw databaseWriteFailed('audit-write-failed', cause);
    }
  };

  return {
    append: async (entries) => {
      if (closed) throw new StoreError('store-closed', 'The PostgreSQL audit log is closed.');
      const checked = validated(entries);
      if (checked.length > 0) await append(checked);
    },
    read: async function* (filter = {}) {
      const only = filter.integrationId;
      let after = 0;
      for (;;) {
        const { rows } = await pool.query<Row>(
          `SELECT ${COLUMNS} FROM audit WHERE seq > $1 ${only === undefined ? '' : 'AND integration_id = $3'} ORDER BY seq LIMIT $2`,
          only === undefined ? [after, PAGE] : [after, PAGE, only],
        );
        for (const row of rows) yield entryOf(row);
        if (rows.length < PAGE) return;
        after = Number(rows[rows.length - 1]?.seq);
      }
    },
    latestByIntegration: () => latest,
    lockKey: AUDIT_LOCK_KEY,
    took: (rows) => takeIn(rows as unknown as Row[]),
    lastSeq: () => lastSeq,
    close: async () => {
      closed = true;
    },
  };
}
