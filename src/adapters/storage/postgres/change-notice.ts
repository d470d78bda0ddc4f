/**
 * The NOTIFY a write sends carries the rows it wrote, so the other replicas apply them from the
 * notice itself rather than each reading `changes` and the rows back (a pool connection, a
 * transaction and a query per collection, on every replica, for every write anywhere).
 *
 * Each notice is also kept in `change_notices` (migrations/postgres/0003_change_notices.sql): a
 * replica that takes the write lock before another's notice reached it reads the ones it missed
 * there, in the query that took the lock; a notice too large for NOTIFY (8000 bytes) is only there.
 *
 * A notice says which change it follows (`a`: the last change its writer had seen, under the
 * lock every write takes, so no other change lies between) and its own last change number (`l`).
 * A replica applies it only when it stands exactly at `a`; otherwise (it missed a notice, a
 * notice too large to carry its rows, a writer of an older version that NOTIFYs a bare number)
 * it reads the database as before. PostgreSQL delivers notifications only once their
 * transaction committed, in commit order.
 */
import type { State } from '../../../domain/state.js';
import { elementOf, entryOf, putKeyed, putList, putSingleton, type Raw, singletonOf } from './state-read.js';
import type { ListRows } from './state-rows.js';
import { placeOf } from './state-tables.js';

/** NOTIFY payloads must stay under 8000 bytes; past this the notice goes without its rows. */
const MAX_NOTICE_BYTES = 7900;

/** One table's part of a notice: upserted rows (as JSON text), deleted keys, or the keys a replaced collection keeps. */
export interface NoticePart {
  top: string;
  rows: string;
  deletes: readonly string[];
  keepOnly: readonly string[] | null;
}

/**
 * The notice's text around its last change number, which only the database knows when it
 * writes (`before || last || after`), as kept; and what the NOTIFY carries after the number: the
 * same, or, without room for the rows, only where it stands.
 */
export function noticeParts(input: { afterSeq: number; writes: readonly NoticePart[] }): {
  before: string;
  after: string;
  notified: string;
} {
  const before = `{"a":${Math.trunc(input.afterSeq)},"l":`;
  const parts = input.writes.map(
    (w) =>
      `{"t":${JSON.stringify(w.top)},"u":${w.rows},"d":${JSON.stringify(w.deletes)},"k":${JSON.stringify(w.keepOnly)}}`,
  );
  const after = `,"w":[${parts.join(',')}]}`;
  // 20 digits: the largest change number a bigint holds.
  const fits = Buffer.byteLength(before) + Buffer.byteLength(after) + 20 <= MAX_NOTICE_BYTES;
  return { before, after, notified: fits ? after : '}' };
}

interface Part {
  t: string;
  u: unknown[][];
  d: string[];
  k: string[] | null;
}

/** A notice as heard: where it follows, where it ends, and its rows (null: read them from the database). */
export interface ChangeNotice {
  after: number | null;
  last: number;
  parts: Part[] | null;
}

/** The last change number a payload names, read from its head without parsing its rows; null when it has none. */
export function lastOfNotice(payload: string): number | null {
  const head = /^(?:\{"a":\d+,"l":)?(\d+)/.exec(payload);
  return head?.[1] === undefined ? null : Number(head[1]);
}

/** Reads a payload; a bare number (an older writer) is a notice without rows; anything else is null. */
export function parseNotice(payload: string): ChangeNotice | null {
  if (/^\d+$/.test(payload)) return { after: null, last: Number(payload), parts: null };
  try {
    const value = JSON.parse(payload) as { a?: unknown; l?: unknown; w?: unknown };
    if (typeof value.a !== 'number' || typeof value.l !== 'number') return null;
    return { after: value.a, last: value.l, parts: Array.isArray(value.w) ? (value.w as Part[]) : null };
  } catch {
    return null;
  }
}

type Prepared = () => void;

/** Checks one part's rows against the State schema, and returns how to put them in. */
function prepare(input: { state: Raw; lists: Map<string, ListRows>; part: Part }): Prepared {
  const { state, lists, part } = input;
  const top = part.t;
  const { kind } = placeOf(top);
  if (kind === 'singleton') {
    const value = singletonOf(top, part.u[0]?.[1]);
    return () => putSingleton(state, top, value);
  }
  if (kind === 'keyed') {
    const entries = new Map(part.u.map(([key, doc]) => [String(key), entryOf(top, String(key), doc)]));
    const keys = part.k === null ? [...part.d, ...entries.keys()] : null;
    return () => putKeyed({ state, top, entries, keys });
  }
  const rows = part.u.map(([id, position, doc]) => ({
    id: String(id),
    position: Number(position),
    element: elementOf(top, doc),
  }));
  const ids = [...part.d, ...rows.map((row) => row.id)];
  return () => putList({ state, lists, top, rows, ids });
}

/**
 * Applies a notice's rows to `state` and `lists` (in place), every row checked before any is put,
 * so a row the schema refuses leaves the state as it was (and throws, as a read would).
 */
export function applyNotice(input: { state: State; lists: Map<string, ListRows>; parts: readonly Part[] }) {
  const state = input.state as unknown as Raw;
  const puts = input.parts.map((part) => prepare({ state, lists: input.lists, part }));
  for (const put of puts) put();
}
