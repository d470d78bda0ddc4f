import { z } from 'zod';
import { invalidFile } from './store-error.js';

/** The journal file in the data directory, beside state.json. */
export const JOURNAL_FILE_NAME = 'state.journal';

/**
 * A top-level value (`['outbox']`), one entry of a collection (`['requests', 'r1']`), one element
 * of a top-level array (`['outbox', '3']`) or of an array in an entry
 * (`['requests', 'r1', 'requesters', '7']`), or such an array's `length`.
 */
const KeyPath = z.array(z.string()).min(1).max(4);

/** Elements kept from a list as the previous entry left it: indices `from` (included) to `to` (excluded). */
const KeptRun = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/**
 * One change to replay: a value set whole at a path, a path deleted, or a top-level list replaced
 * by a new one written as runs of the elements it kept from the old one and the new elements.
 */
export const JournalOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: KeyPath, value: z.unknown() }),
  z.object({ op: z.literal('delete'), path: KeyPath }),
  z.object({
    op: z.literal('list'),
    path: z.array(z.string()).length(1),
    items: z.array(z.union([KeptRun, z.object({ value: z.unknown() })])),
  }),
]);
export type JournalOp = z.infer<typeof JournalOp>;

/** One line of the journal: every change of one group commit, under a sequence number. */
export const JournalEntry = z.object({ seq: z.number().int().positive(), ops: z.array(JournalOp) });
export type JournalEntry = z.infer<typeof JournalEntry>;

/** A journal line read back, with its 1-based line number for messages. */
export interface ReadEntry extends JournalEntry {
  line: number;
}

/** What a journal file holds: its whole lines, and the length of the part to keep. */
export interface JournalContent {
  entries: ReadEntry[];
  /** Bytes up to the end of the last whole line; a torn last line lies beyond. */
  validLength: number;
  torn: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pathKey = (path: readonly string[]) => path.join('\u0000');

const valueAt = (state: object, path: readonly string[]): unknown => {
  let value: unknown = state;
  for (const key of path)
    value =
      typeof value === 'object' && value !== null && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  return value;
};

const isElementKey = (key: string | undefined): key is string =>
  key !== undefined && (key === 'length' || /^(0|[1-9]\d*)$/.test(key));

/**
 * A path cut to what the journal writes whole: an element of an array (top-level, or one level
 * inside an entry), else an entry of a keyed collection, else the top-level value. Why elements:
 * appending to a list (a request's requesters, the outbox) then costs one element, not the list.
 */
function recordPath(state: object, path: readonly string[]): readonly string[] {
  const [top, entry, field, index] = path;
  if (top === undefined || entry === undefined) return path;
  const collection = valueAt(state, [top]);
  if (Array.isArray(collection)) return isElementKey(entry) ? [top, entry] : [top];
  if (!isRecord(collection)) return [top];
  if (field !== undefined && isElementKey(index) && Array.isArray(valueAt(state, [top, entry, field])))
    return [top, entry, field, index];
  return [top, entry];
}

/** True when a shorter path already chosen covers this one (its collection or entry is written whole). */
function covered(chosen: ReadonlyMap<string, readonly string[]>, path: readonly string[]): boolean {
  for (let keys = 1; keys < path.length; keys++) if (chosen.has(pathKey(path.slice(0, keys)))) return true;
  return false;
}

/**
 * What the journal knows of the top-level lists as its previous entry left them. Why: a list
 * replaced whole (`outbox = outbox.filter(…)` once a notice is sent) was written whole, so every
 * delivery wrote the entire outbox, and a backlog of thousands made each one cost megabytes.
 * Elements the new list kept unchanged are written as index runs into the old one instead.
 */
export interface ListMemory {
  /** The index of each element (object) of the top-level list `top` after the previous entry. */
  indexOf(top: string): ReadonlyMap<object, number> | undefined;
  /** Objects the batch wrote into: they are written whole, never referred to. */
  changed: ReadonlySet<object>;
}

/** A top-level list as the files hold it: its elements, and the index of each object among them. */
interface WrittenList {
  elements: unknown[];
  /** Holds `o → i` only where `elements[i] === o`, so a kept run never points at another object. */
  index: Map<object, number>;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function writtenList(list: readonly unknown[]): WrittenList {
  const index = new Map<object, number>();
  list.forEach((item, i) => {
    if (isObject(item)) index.set(item, i);
  });
  return { elements: [...list], index };
}

function setElement(list: WrittenList, at: number, value: unknown): void {
  const old = list.elements[at];
  if (isObject(old) && list.index.get(old) === at) list.index.delete(old);
  list.elements[at] = value;
  if (isObject(value)) list.index.set(value, at);
}

function setLength(list: WrittenList, length: number): void {
  for (let at = length; at < list.elements.length; at++) {
    const old = list.elements[at];
    if (isObject(old) && list.index.get(old) === at) list.index.delete(old);
  }
  list.elements.length = length;
}

/**
 * The top-level lists as the files hold them, for `ListMemory.indexOf`. Why kept up to date from
 * each line's operations rather than rebuilt after each line: a rebuild walks the whole list, so
 * with a backlog of thousands of notices every line that queued one more cost O(outbox).
 */
export class WrittenLists {
  private readonly lists = new Map<string, WrittenList>();

  /** Takes every top-level list of `state` as it is now (at opening, or as a snapshot writes it). */
  constructor(state: object) {
    for (const [top, value] of Object.entries(state))
      if (Array.isArray(value)) this.lists.set(top, writtenList(value));
  }

  indexOf(top: string): ReadonlyMap<object, number> | undefined {
    return this.lists.get(top)?.index;
  }

  /**
   * What the line `ops`, just computed from `state`, does to the lists, taken now (later changes
   * belong to the next line): call the result once that line is on disk.
   */
  after(state: object, ops: readonly JournalOp[]): () => void {
    const steps: ((lists: Map<string, WrittenList>) => void)[] = [];
    for (const op of ops) {
      const [top, key] = op.path as [string, string | undefined];
      const value = valueAt(state, [top]);
      if (!Array.isArray(value)) {
        if (this.lists.has(top)) steps.push((lists) => lists.delete(top));
      } else if (key === undefined || !this.lists.has(top)) {
        // The list written whole (or as runs): taken again as it is now.
        const taken = writtenList(value);
        steps.push((lists) => lists.set(top, taken));
      } else if (op.op === 'set' && key === 'length')
        steps.push((lists) => setLength(lists.get(top) as WrittenList, op.value as number));
      else if (key !== 'length') {
        const element = op.op === 'set' ? op.value : undefined;
        steps.push((lists) => setElement(lists.get(top) as WrittenList, Number(key), element));
      }
    }
    return () => {
      for (const step of steps) step(this.lists);
    };
  }
}

/** A list as runs of kept elements and new values; null when it keeps nothing (then it is set whole). */
function listItems(
  list: readonly unknown[],
  index: ReadonlyMap<object, number>,
  changed: ReadonlySet<object>,
) {
  const items: ([number, number] | { value: unknown })[] = [];
  let kept = 0;
  for (const item of list) {
    const at = typeof item === 'object' && item !== null && !changed.has(item) ? index.get(item) : undefined;
    if (at === undefined) {
      items.push({ value: item });
      continue;
    }
    kept += 1;
    const last = items[items.length - 1];
    if (Array.isArray(last) && last[1] === at) last[1] = at + 1;
    else items.push([at, at + 1]);
  }
  return kept === 0 ? null : items;
}

/**
 * The operations that bring a copy of the state before a batch to `state`, given every path
 * the batch wrote to (`AppliedChange.paths`): the current value of each touched entry, or its
 * deletion; a top-level list replaced whole as what it kept and what is new, given `lists`.
 */
export function journalOps(
  state: object,
  paths: Iterable<readonly string[]>,
  lists?: ListMemory,
): JournalOp[] {
  const chosen = new Map<string, readonly string[]>();
  for (const path of paths) {
    const cut = recordPath(state, path);
    chosen.set(pathKey(cut), cut);
  }
  const ops: JournalOp[] = [];
  const lengths: JournalOp[] = [];
  for (const path of chosen.values()) {
    if (covered(chosen, path)) continue;
    const value = valueAt(state, path);
    const index = path.length === 1 && Array.isArray(value) ? lists?.indexOf(path[0] as string) : undefined;
    const items = index && lists ? listItems(value as unknown[], index, lists.changed) : null;
    if (items) {
      ops.push({ op: 'list', path: [...path], items });
      continue;
    }
    // An array's length goes after its elements, so a shortened array is cut once they are set.
    const into = path[path.length - 1] === 'length' ? lengths : ops;
    into.push(
      value === undefined ? { op: 'delete', path: [...path] } : { op: 'set', path: [...path], value },
    );
  }
  return [...ops, ...lengths];
}

/** One journal line, newline included. */
export function encodeJournalEntry(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal. A last line that is unfinished or not JSON is torn (a crash during an
 * append) and left out; any other line that is not a valid entry is a `store-invalid` error.
 */
export function parseJournal(file: string, data: Buffer): JournalContent {
  const entries: ReadEntry[] = [];
  let start = 0;
  for (let line = 1; start < data.length; line++) {
    const end = data.indexOf(0x0a, start);
    const last = end === -1 || end === data.length - 1;
    const json = end === -1 ? undefined : parseLine(data.toString('utf8', start, end));
    if (json === undefined && last) return { entries, validLength: start, torn: true };
    if (json === undefined) throw invalidFile(file, `line ${line} is not valid JSON`);
    const parsed = JournalEntry.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidFile(
        file,
        `line ${line} is not a journal entry (${issue?.path.join('.')}: ${issue?.message})`,
      );
    }
    entries.push({ ...parsed.data, line });
    start = (end as number) + 1;
  }
  return { entries, validLength: start, torn: false };
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so a key such as `__proto__` is stored as data rather than changing the prototype.
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

type SetOrDelete = Exclude<JournalOp, { op: 'list' }>;

function applyElementOp(list: unknown[], key: string, op: SetOrDelete): string | null {
  if (!isElementKey(key)) return `${key} is not an index of a list`;
  if (op.op === 'delete') {
    if (key !== 'length') delete list[Number(key)];
    return null;
  }
  if (key === 'length') {
    if (typeof op.value !== 'number' || !Number.isInteger(op.value) || op.value < 0)
      return 'a list length must be a whole number';
    list.length = op.value;
  } else list[Number(key)] = op.value;
  return null;
}

function applyListOp(raw: Record<string, unknown>, top: string, items: readonly unknown[]): string | null {
  const old = raw[top];
  if (!Array.isArray(old)) return `${top} is not a list`;
  const list: unknown[] = [];
  for (const item of items) {
    if (!Array.isArray(item)) {
      list.push((item as { value: unknown }).value);
      continue;
    }
    const [from, to] = item as [number, number];
    if (from >= to || to > old.length) return `elements ${from} to ${to} are not in a list of ${old.length}`;
    for (let i = from; i < to; i++) list.push(old[i]);
  }
  define(raw, top, list);
  return null;
}

function applyOp(raw: Record<string, unknown>, op: JournalOp): string | null {
  if (op.op === 'list') return applyListOp(raw, op.path[0] as string, op.items);
  const parentPath = op.path.slice(0, -1);
  const parent = parentPath.length === 0 ? raw : valueAt(raw, parentPath);
  const key = op.path[op.path.length - 1] as string;
  if (Array.isArray(parent)) return applyElementOp(parent, key, op);
  if (!isRecord(parent)) return `${parentPath.join('.')} is not an object`;
  if (op.op === 'delete') delete parent[key];
  else if (op.value === undefined) return `set ${op.path.join('.')} has no value`;
  else define(parent, key, op.value);
  return null;
}

/** What a replay did: the last sequence number applied, and which line last wrote each path. */
export interface Replayed {
  lastSeq: number;
  writers: Map<string, ReadEntry>;
}

/**
 * Applies, in place on a raw state, the entries that follow `afterSeq`; older ones are already
 * in the snapshot. Sequence numbers must follow on from `afterSeq` one by one.
 */
export function replayJournal(input: {
  file: string;
  raw: Record<string, unknown>;
  entries: readonly ReadEntry[];
  afterSeq: number;
}): Replayed {
  let lastSeq = input.afterSeq;
  const writers = new Map<string, ReadEntry>();
  for (const entry of input.entries) {
    if (entry.seq <= input.afterSeq && lastSeq === input.afterSeq) continue;
    if (entry.seq !== lastSeq + 1) {
      const problem = `line ${entry.line} has sequence number ${entry.seq} where ${lastSeq + 1} was expected`;
      throw invalidFile(input.file, `${problem}; the journal does not follow on from the state file`);
    }
    for (const op of entry.ops) {
      const problem = applyOp(input.raw, op);
      if (problem !== null)
        throw invalidFile(input.file, `line ${entry.line} cannot be applied (${problem})`);
      writers.set(pathKey(op.path), entry);
    }
    lastSeq = entry.seq;
  }
  return { lastSeq, writers };
}

/** The journal line that last wrote the entry holding `path`, if any. */
export function writerOf(replayed: Replayed, path: readonly PropertyKey[]): ReadEntry | undefined {
  const keys = path.slice(0, 4).map(String);
  for (let length = keys.length; length > 0; length--) {
    const writer = replayed.writers.get(pathKey(keys.slice(0, length)));
    if (writer) return writer;
  }
  return undefined;
}
