/**
 * Reading the State's tables (migrations/postgres/0002_state_tables.sql): the whole state at start,
 * and the rows named by `changes` since a replica's last look. Table names come from
 * state-tables.ts, never from input.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, emptyState, State } from '../../../domain/state.js';
import { StoreError } from '../store-error.js';
import type { ListRows } from './state-rows.js';
import { KEYED_TABLES, LIST_TABLES, placeOf } from './state-tables.js';

/** A client or a pool: anything that runs a query. */
export type Queryable = Pick<pg.PoolClient, 'query'>;
export type Raw = Record<string, unknown>;

function define(target: Raw, key: string, value: unknown): void {
  // defineProperty, so a key such as `__proto__` is stored as data rather than changing the prototype.
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

async function keyedRows(db: Queryable, table: string, keys?: readonly string[]) {
  const where = keys ? 'WHERE key = ANY($1::text[])' : '';
  const { rows } = await db.query<{ key: string; doc: unknown }>(
    `SELECT key, doc FROM ${table} ${where} ORDER BY ord`,
    keys ? [keys] : [],
  );
  return rows;
}

async function listRows(db: Queryable, table: string, ids?: readonly string[]) {
  const where = ids ? 'WHERE id = ANY($1::text[])' : '';
  const { rows } = await db.query<{ id: string; position: string; doc: object }>(
    `SELECT id, position, doc FROM ${table} ${where} ORDER BY position`,
    ids ? [ids] : [],
  );
  return rows.map((row) => ({ id: row.id, position: Number(row.position), doc: row.doc }));
}

/** The query of `changeMarks`, for a caller that sends it along with others. */
export const MARKS_SQL =
  'SELECT (SELECT coalesce(max(seq), 0) FROM changes) AS last, (SELECT pruned_through FROM change_horizon) AS pruned';

/** The marks in a row of MARKS_SQL. */
export function marksOf(row: { last?: unknown; pruned?: unknown } | undefined): {
  last: number;
  prunedThrough: number;
} {
  const pruned = Number(row?.pruned ?? 0);
  return { last: Math.max(Number(row?.last ?? 0), pruned), prunedThrough: pruned };
}

/** The highest change number a replica has seen once it read everything, and up to where changes were pruned. */
export async function changeMarks(db: Queryable): Promise<{ last: number; prunedThrough: number }> {
  const { rows } = await db.query<{ last: string; pruned: string }>(MARKS_SQL);
  return marksOf(rows[0]);
}

/** What a replica holds: the state, the rows of its lists, and the last change it has seen. */
export interface Loaded {
  state: State;
  lists: Map<string, ListRows>;
  lastSeq: number;
}

/** Rows of every list, by id, pointing at the elements of `state`. */
function listRowsOf(state: State, positions: ReadonlyMap<string, ReadonlyMap<string, number>>) {
  const lists = new Map<string, ListRows>();
  for (const top of Object.keys(LIST_TABLES)) {
    const rows: ListRows = new Map();
    const list = (state as unknown as Raw)[top] as { id: string }[];
    list.forEach((element, index) => {
      rows.set(element.id, { position: positions.get(top)?.get(element.id) ?? index, element });
    });
    lists.set(top, rows);
  }
  return lists;
}

/** Reads the whole state (call it inside one transaction, for one snapshot), validated as a data file is. */
export async function loadState(db: Queryable): Promise<Loaded> {
  const raw = emptyState() as unknown as Raw;
  const marks = await changeMarks(db);
  for (const [top, table] of Object.entries(KEYED_TABLES)) {
    const record: Raw = {};
    for (const row of await keyedRows(db, table)) define(record, row.key, row.doc);
    raw[top] = record;
  }
  const positions = new Map<string, Map<string, number>>();
  for (const [top, table] of Object.entries(LIST_TABLES)) {
    const rows = await listRows(db, table);
    raw[top] = rows.map((row) => row.doc);
    positions.set(top, new Map(rows.map((row) => [row.id, row.position])));
  }
  const { rows } = await db.query<{ name: string; doc: unknown }>('SELECT name, doc FROM singletons');
  for (const row of rows) define(raw, row.name, row.doc);
  const version = raw.schemaVersion;
  if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION)
    throw new StoreError(
      'store-too-new',
      `Cannot load the state from PostgreSQL: a newer version of the bot wrote it (schema version ${version}; this one knows up to ${CURRENT_SCHEMA_VERSION}). Upgrade the bot.`,
    );
  const parsed = State.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreError(
      'store-invalid',
      `Cannot load the state from PostgreSQL: ${issue?.path.join('.')}: ${issue?.message}`,
      { cause: parsed.error },
    );
  }
  return { state: parsed.data, lists: listRowsOf(parsed.data, positions), lastSeq: marks.last };
}

const fieldSchema = (top: string): z.ZodType | undefined =>
  (State.shape as Record<string, z.ZodType | undefined>)[top];

/** One entry, element or value read back, checked (and given its defaults) by the State schema's field. */
function parsed(top: string, value: unknown, wrap: (v: unknown) => unknown, unwrap: (v: unknown) => unknown) {
  const schema = fieldSchema(top);
  if (!schema) return value;
  const result = schema.safeParse(wrap(value));
  if (result.success) return unwrap(result.data);
  const issue = result.error.issues[0];
  throw new StoreError(
    'store-invalid',
    `A row of ${top} is invalid: ${issue?.path.join('.')}: ${issue?.message}`,
    {
      cause: result.error,
    },
  );
}

export const entryOf = (top: string, key: string, doc: unknown) =>
  parsed(
    top,
    doc,
    (v) => ({ [key]: v }),
    (v) => (v as Raw)[key],
  );
export const elementOf = (top: string, doc: unknown) =>
  parsed(
    top,
    doc,
    (v) => [v],
    (v) => (v as unknown[])[0],
  ) as object;

/** Puts checked entries of a keyed collection into `state`: all of it (`keys` null), or the named keys (absent ones deleted). */
export function putKeyed(input: {
  state: Raw;
  top: string;
  entries: ReadonlyMap<string, unknown>;
  keys: readonly string[] | null;
}) {
  const { state, top, entries, keys } = input;
  if (keys === null) {
    const record: Raw = {};
    for (const [key, value] of entries) define(record, key, value);
    state[top] = record;
    return;
  }
  const record = state[top] as Raw;
  for (const key of keys) {
    if (entries.has(key)) define(record, key, entries.get(key));
    else delete record[key];
  }
}

/** Puts checked elements of a list into `state` and `lists`, in position order: all of it (`ids` null), or the named ids. */
export function putList(input: {
  state: Raw;
  lists: Map<string, ListRows>;
  top: string;
  rows: readonly { id: string; position: number; element: object }[];
  ids: readonly string[] | null;
}) {
  const { state, lists, top, rows, ids } = input;
  const known: ListRows = ids === null ? new Map() : (lists.get(top) ?? new Map());
  if (ids !== null) for (const id of ids) known.delete(id);
  for (const row of rows) known.set(row.id, { position: row.position, element: row.element });
  const ordered = [...known.values()].sort((a, b) => a.position - b.position);
  state[top] = ordered.map((row) => row.element);
  lists.set(top, known);
}

/** Puts a singleton's checked value into `state`; `undefined` (its row is gone) puts its default, or removes an unknown field. */
export function putSingleton(state: Raw, name: string, value: unknown) {
  if (value !== undefined) define(state, name, value);
  else if (fieldSchema(name)) {
    const fresh = emptyState() as unknown as Raw;
    state[name] = fresh[name];
  } else delete state[name];
}

/** A singleton's stored value, checked; `undefined` stays undefined. */
export const singletonOf = (name: string, doc: unknown) =>
  doc === undefined
    ? undefined
    : parsed(
        name,
        doc,
        (v) => v,
        (v) => v,
      );

/** Reloads a keyed collection's named rows (or all of them) into `state`. */
async function reloadKeyed(db: Queryable, state: Raw, top: string, keys: readonly string[] | null) {
  const { table } = placeOf(top);
  const rows = await keyedRows(db, table, keys ?? undefined);
  const entries = new Map(rows.map((row) => [row.key, entryOf(top, row.key, row.doc)]));
  putKeyed({ state, top, entries, keys });
}

/** Reloads a list's named rows (or all of them) into `state` and `lists`, in position order. */
async function reloadList(
  db: Queryable,
  input: { state: Raw; lists: Map<string, ListRows>; top: string; ids: readonly string[] | null },
) {
  const rows = await listRows(db, placeOf(input.top).table, input.ids ?? undefined);
  const checked = rows.map((row) => ({
    id: row.id,
    position: row.position,
    element: elementOf(input.top, row.doc),
  }));
  putList({ ...input, rows: checked });
}

async function reloadSingleton(db: Queryable, state: Raw, name: string) {
  const { rows } = await db.query<{ doc: unknown }>('SELECT doc FROM singletons WHERE name = $1', [name]);
  putSingleton(state, name, singletonOf(name, rows[0]?.doc));
}

/**
 * Brings `state` (in place) and `lists` up to the changes numbered above `afterSeq`, reading the
 * rows they name as they stand now. Returns the new last number, or null when changes after
 * `afterSeq` were pruned: then only a whole reload will do.
 */
export async function catchUp(
  db: Queryable,
  input: {
    state: State;
    lists: Map<string, ListRows>;
    afterSeq: number;
    /** The marks, when the caller read them already (in the query that took the lock). */
    marks?: { last: number; prunedThrough: number };
  },
): Promise<number | null> {
  const marks = input.marks ?? (await changeMarks(db));
  if (input.afterSeq < marks.prunedThrough) return null;
  if (marks.last <= input.afterSeq) return input.afterSeq;
  const { rows } = await db.query<{ collection: string; key: string | null }>(
    'SELECT DISTINCT collection, key FROM changes WHERE seq > $1 AND seq <= $2',
    [input.afterSeq, marks.last],
  );
  const byTop = new Map<string, Set<string> | null>();
  for (const row of rows) {
    const keys = byTop.has(row.collection) ? byTop.get(row.collection) : new Set<string>();
    byTop.set(
      row.collection,
      row.key === null || keys === null || keys === undefined ? null : keys.add(row.key),
    );
  }
  const state = input.state as unknown as Raw;
  for (const [top, keys] of byTop) {
    const { kind } = placeOf(top);
    const named = keys === null ? null : [...keys];
    if (kind === 'singleton') await reloadSingleton(db, state, top);
    else if (kind === 'keyed') await reloadKeyed(db, state, top, named);
    else await reloadList(db, { state, lists: input.lists, top, ids: named });
  }
  return marks.last;
}
