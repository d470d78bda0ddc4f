/**
 * The rows a change wrote, derived from what apply-change.ts recorded (the same paths the file
 * store's journal is made from): `['requests', 'r1', …]` is the row `r1` of `requests`, a whole
 * keyed collection replaced (`['blocked']`) is all of its rows, any path under a singleton field is
 * its row. A list (`outbox`) is compared with the rows it had, element by element and by `id`
 * (array indexes shift as elements are removed, ids do not): new or written elements are upserted,
 * ids no longer present deleted, and positions kept unless the order changed.
 */
import { StoreError } from '../store-error.js';
import { placeOf } from './state-tables.js';

/** One row of a list table as this replica knows the database holds it. */
export interface ListRow {
  position: number;
  element: object;
}

/** The rows of one list table, by id. */
export type ListRows = Map<string, ListRow>;

/** What one table must do: rows to upsert, keys to delete, or (a collection replaced) keys to keep only. */
export interface TableWrite {
  top: string;
  kind: 'keyed' | 'list' | 'singleton';
  table: string;
  upserts: { key: string; doc: unknown; position?: number }[];
  deletes: string[];
  /** Set when the whole collection was replaced: every other row is deleted. */
  keepOnly: string[] | null;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

const own = (record: unknown, key: string): unknown =>
  isObject(record) && Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;

/** The id of a list element; a list table holds only records with a unique string id. */
function idOf(top: string, element: unknown, index: number): string {
  const id = own(element, 'id');
  if (typeof id !== 'string')
    throw new StoreError('store-invalid', `${top}[${index}] has no string id, so it cannot be stored.`);
  return id;
}

/** True when the elements already stored keep their order and new ones only come after them. */
function keepsOrder(top: string, list: readonly unknown[], known: ListRows): boolean {
  let last = Number.NEGATIVE_INFINITY;
  let sawNew = false;
  for (const [index, element] of list.entries()) {
    const row = known.get(idOf(top, element, index));
    if (!row) {
      sawNew = true;
      continue;
    }
    if (sawNew || row.position <= last) return false;
    last = row.position;
  }
  return true;
}

/** The rows a list now needs, against the rows it had; also the rows it has once written. */
export function diffList(input: {
  top: string;
  table: string;
  list: readonly unknown[];
  known: ListRows;
  touched: ReadonlySet<object>;
}): { write: TableWrite; rows: ListRows } {
  const { top, table, list, known, touched } = input;
  const ordered = keepsOrder(top, list, known);
  let next = 0;
  for (const row of known.values()) next = Math.max(next, row.position + 1);
  const rows: ListRows = new Map();
  const upserts: TableWrite['upserts'] = [];
  list.forEach((element, index) => {
    const id = idOf(top, element, index);
    if (rows.has(id)) throw new StoreError('store-invalid', `${top} holds the id ${id} twice.`);
    const row = known.get(id);
    const position = ordered ? (row?.position ?? next++) : index;
    rows.set(id, { position, element: element as object });
    const same =
      row && row.element === element && row.position === position && !touched.has(element as object);
    if (!same) upserts.push({ key: id, doc: element, position });
  });
  const deletes = [...known.keys()].filter((id) => !rows.has(id));
  return { write: { top, kind: 'list', table, upserts, deletes, keepOnly: null }, rows };
}

/**
 * The table writes of a change to `state` that wrote `paths` into the entries `touched`; `lists`
 * are the rows each list table holds. Returns the writes and, for each list written, its rows after.
 */
export function rowWritesOf(input: {
  state: object;
  paths: readonly (readonly string[])[];
  touched: readonly object[];
  lists: ReadonlyMap<string, ListRows>;
}): { writes: TableWrite[]; lists: Map<string, ListRows> } {
  const { state } = input;
  const byTop = new Map<string, TableWrite>();
  const listTops = new Set<string>();
  const writeOf = (top: string) => {
    let write = byTop.get(top);
    if (!write) {
      const { kind, table } = placeOf(top);
      write = { top, kind, table, upserts: [], deletes: [], keepOnly: null };
      byTop.set(top, write);
    }
    return write;
  };
  const keyed = new Map<string, Set<string>>();
  for (const path of input.paths) {
    const [top, key] = path as [string, string | undefined];
    const place = placeOf(top);
    if (place.kind === 'list') listTops.add(top);
    else if (place.kind === 'singleton' || key === undefined) writeOf(top).keepOnly = [];
    else keyed.set(top, (keyed.get(top) ?? new Set()).add(key));
  }
  for (const [top, write] of byTop) {
    const value = own(state, top);
    if (write.kind === 'singleton') {
      if (value === undefined) write.deletes.push(top);
      else write.upserts.push({ key: top, doc: value });
      write.keepOnly = null;
      continue;
    }
    // A keyed collection replaced whole: every entry it now has, and no other row.
    const entries = isObject(value) ? Object.entries(value) : [];
    write.upserts = entries.map(([key, doc]) => ({ key, doc }));
    write.keepOnly = entries.map(([key]) => key);
  }
  for (const [top, keys] of keyed) {
    if (byTop.has(top)) continue;
    const write = writeOf(top);
    const collection = own(state, top);
    for (const key of keys) {
      const doc = own(collection, key);
      if (doc === undefined) write.deletes.push(key);
      else write.upserts.push({ key, doc });
    }
  }
  const touched = new Set(input.touched);
  const lists = new Map<string, ListRows>();
  for (const top of listTops) {
    const list = own(state, top);
    const { table } = placeOf(top);
    const { write, rows } = diffList({
      top,
      table,
      list: Array.isArray(list) ? list : [],
      known: input.lists.get(top) ?? new Map(),
      touched,
    });
    byTop.set(top, write);
    lists.set(top, rows);
  }
  return { writes: [...byTop.values()], lists };
}
