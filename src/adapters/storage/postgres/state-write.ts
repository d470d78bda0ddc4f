/**
 * Writing the rows a batch of changes touched (state-rows.ts) to the State's tables, with one
 * `changes` row each for the other replicas to catch up from, the notice that carries those rows
 * to them (kept, and sent by NOTIFY: change-notice.ts), the audit entries the batch numbered, pruning `changes`, and COMMIT:
 * all as one query text, so a transaction costs the database two round trips (this one and the
 * one that took the lock) whatever it touched. Values are JSON literals escaped by the driver;
 * table names come from state-tables.ts, never from input.
 */
import pg from 'pg';
import type { PendingAudit } from '../../../domain/state.js';
import { noticeParts } from './change-notice.js';
import type { TableWrite } from './state-rows.js';

const KEY_COLUMN = { keyed: 'key', list: 'id', singleton: 'name' } as const;

const literal = (text: string) => pg.escapeLiteral(text);
const textArray = (values: readonly string[]) =>
  `ARRAY(SELECT jsonb_array_elements_text(${literal(JSON.stringify(values))}::jsonb))`;

/** The rows of a write's upserts as JSON, as both the table and the notice take them. */
export function upsertsJson(write: TableWrite): string {
  return JSON.stringify(
    write.kind === 'list'
      ? write.upserts.map((row) => [row.key, row.position, row.doc])
      : write.upserts.map((row) => [row.key, row.doc]),
  );
}

function tableStatements(write: TableWrite, rows: string): string[] {
  const { table, kind } = write;
  const column = KEY_COLUMN[kind];
  const statements: string[] = [];
  if (write.keepOnly)
    statements.push(`DELETE FROM ${table} WHERE NOT (${column} = ANY (${textArray(write.keepOnly)}))`);
  if (write.deletes.length)
    statements.push(`DELETE FROM ${table} WHERE ${column} = ANY (${textArray(write.deletes)})`);
  if (write.upserts.length === 0) return statements;
  statements.push(
    kind === 'list'
      ? `INSERT INTO ${table} (id, position, doc) SELECT e->>0, (e->>1)::bigint, e->2 FROM jsonb_array_elements(${literal(rows)}::jsonb) AS e
         ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, doc = EXCLUDED.doc`
      : `INSERT INTO ${table} (${column}, doc) SELECT e->>0, e->1 FROM jsonb_array_elements(${literal(rows)}::jsonb) AS e
         ON CONFLICT (${column}) DO UPDATE SET doc = EXCLUDED.doc`,
  );
  return statements;
}

/** The `changes` rows of a set of writes: one per row, or one without a key for a singleton or a whole collection. */
function changeRowsOf(writes: readonly TableWrite[]): [string, string | null][] {
  const rows: [string, string | null][] = [];
  for (const write of writes) {
    if (write.kind === 'singleton' || write.keepOnly) {
      rows.push([write.top, null]);
      continue;
    }
    for (const row of write.upserts) rows.push([write.top, row.key]);
    for (const key of write.deletes) rows.push([write.top, key]);
  }
  return rows;
}

/** Audit entries the batch numbered, written with it (under the audit log's lock, which numbers unnumbered ones). */
function auditStatements(input: { entries: readonly PendingAudit[]; afterSeq: number; lockKey: number }) {
  const rows = input.entries.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    integrationId: e.integrationId,
    details: e.details,
  }));
  return [
    `SELECT pg_advisory_xact_lock(${input.lockKey})`,
    `INSERT INTO audit (seq, at, actor, action, integration_id, details)
     SELECT seq, at, actor, action, "integrationId", details
     FROM jsonb_to_recordset(${literal(JSON.stringify(rows))}::jsonb)
       AS e(seq bigint, at text, actor text, action text, "integrationId" text, details text)
     ON CONFLICT (seq) DO NOTHING`,
    `SELECT seq, at, actor, action, integration_id, details FROM audit WHERE seq > ${Math.trunc(input.afterSeq)} ORDER BY seq`,
  ];
}

export interface CommitInput {
  writes: readonly TableWrite[];
  /** The last change this replica had seen when the batch ran: the notice says the batch follows it. */
  afterSeq: number;
  channel: string;
  /** Set every `pruneEvery` writes: drop `changes` rows more than `keep` below the last one. */
  prune: { keep: number } | null;
  audit: { entries: readonly PendingAudit[]; afterSeq: number; lockKey: number } | null;
}

/**
 * The query text that writes a batch and commits it. Its results: the last change number given
 * (column `last`, none when nothing was written) and, with audit entries, the audit rows past
 * `audit.afterSeq` (columns of the audit table).
 */
export function commitText(input: CommitInput): string {
  const statements: string[] = [];
  const parts: {
    top: string;
    kind: TableWrite['kind'];
    rows: string;
    deletes: string[];
    keepOnly: string[] | null;
  }[] = [];
  for (const write of input.writes) {
    const rows = upsertsJson(write);
    statements.push(...tableStatements(write, rows));
    parts.push({ top: write.top, kind: write.kind, rows, deletes: write.deletes, keepOnly: write.keepOnly });
  }
  const changes = changeRowsOf(input.writes);
  if (changes.length > 0) {
    const notice = noticeParts({ afterSeq: input.afterSeq, writes: parts });
    statements.push(
      `WITH added AS (INSERT INTO changes (collection, key) SELECT e->>0, e->>1 FROM jsonb_array_elements(${literal(JSON.stringify(changes))}::jsonb) AS e RETURNING seq),
       m AS (SELECT max(seq) AS last FROM added),
       kept AS (INSERT INTO change_notices (last, notice) SELECT last, ${literal(notice.before)} || last || ${literal(notice.after)} FROM m)
       SELECT last, pg_notify(${literal(input.channel)}, ${literal(notice.before)} || last || ${literal(notice.notified)}) FROM m`,
    );
    if (input.prune) {
      const through = `(SELECT max(seq) FROM changes) - ${Math.trunc(input.prune.keep)}`;
      statements.push(`UPDATE change_horizon SET pruned_through = greatest(pruned_through, ${through})`);
      statements.push('DELETE FROM changes WHERE seq <= (SELECT pruned_through FROM change_horizon)');
      statements.push('DELETE FROM change_notices WHERE last <= (SELECT pruned_through FROM change_horizon)');
    }
  }
  if (input.audit && input.audit.entries.length > 0) statements.push(...auditStatements(input.audit));
  statements.push('COMMIT');
  return statements.join(';\n');
}

/** What the commit's results say: the last change number (null: nothing written), and audit rows read back. */
export function commitResults(results: pg.QueryResult | pg.QueryResult[]): {
  last: number | null;
  auditRows: Record<string, unknown>[];
} {
  const list = Array.isArray(results) ? results : [results];
  let last: number | null = null;
  let auditRows: Record<string, unknown>[] = [];
  for (const result of list) {
    const names = result.fields?.map((f) => f.name) ?? [];
    if (names.includes('last')) last = Number(result.rows[0]?.last);
    if (names.includes('integration_id')) auditRows = result.rows;
  }
  return { last, auditRows };
}
