/**
 * Writing the rows one change touched (state-rows.ts) to the State's tables, with one `changes`
 * row each for the other replicas to catch up from, and pruning `changes`. Table names come from
 * state-tables.ts, never from input.
 */
import type { Queryable } from './state-read.js';
import type { TableWrite } from './state-rows.js';

const KEY_COLUMN = { keyed: 'key', list: 'id', singleton: 'name' } as const;

const json = (value: unknown) => JSON.stringify(value);

async function writeTable(db: Queryable, write: TableWrite): Promise<void> {
  const { table, kind } = write;
  const column = KEY_COLUMN[kind];
  if (write.keepOnly)
    await db.query(`DELETE FROM ${table} WHERE NOT (${column} = ANY($1::text[]))`, [write.keepOnly]);
  if (write.deletes.length)
    await db.query(`DELETE FROM ${table} WHERE ${column} = ANY($1::text[])`, [write.deletes]);
  if (write.upserts.length === 0) return;
  if (kind === 'list') {
    const rows = write.upserts.map((row) => [row.key, row.position, row.doc]);
    await db.query(
      `INSERT INTO ${table} (id, position, doc) SELECT e->>0, (e->>1)::bigint, e->2 FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, doc = EXCLUDED.doc`,
      [json(rows)],
    );
    return;
  }
  const rows = write.upserts.map((row) => [row.key, row.doc]);
  await db.query(
    `INSERT INTO ${table} (${column}, doc) SELECT e->>0, e->1 FROM jsonb_array_elements($1::jsonb) AS e
     ON CONFLICT (${column}) DO UPDATE SET doc = EXCLUDED.doc`,
    [json(rows)],
  );
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

/** Writes the rows and records them in `changes`; returns the last change number given, or null for none. */
export async function writeRows(db: Queryable, writes: readonly TableWrite[]): Promise<number | null> {
  for (const write of writes) await writeTable(db, write);
  const changes = changeRowsOf(writes);
  if (changes.length === 0) return null;
  const { rows } = await db.query<{ last: string }>(
    `WITH added AS (INSERT INTO changes (collection, key) SELECT e->>0, e->>1 FROM jsonb_array_elements($1::jsonb) AS e RETURNING seq)
     SELECT max(seq) AS last FROM added`,
    [json(changes)],
  );
  return Number(rows[0]?.last);
}

/** Drops `changes` rows more than `keep` below `last`, and says up to where. */
export async function pruneChanges(db: Queryable, input: { last: number; keep: number }): Promise<void> {
  const through = input.last - input.keep;
  if (through <= 0) return;
  await db.query('DELETE FROM changes WHERE seq <= $1', [through]);
  await db.query('UPDATE change_horizon SET pruned_through = greatest(pruned_through, $1)', [through]);
}
