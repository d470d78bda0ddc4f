/**
 * Serialises a document of collections as JSON.stringify would, reusing the text of every
 * collection entry (one request, one notice) left unchanged since the last write. Why: with
 * 10,000 requests, stringifying the whole state on every write blocks the event loop for tens of
 * milliseconds; this way a write costs what changed plus joining cached strings.
 * Entries are cached by identity; a change must `invalidate` the entries it wrote into
 * (`AppliedChange.touched`), and an entry replaced by a new object is a new cache key.
 */
export interface StateSerializer {
  /** UTF-8 JSON of `state`. */
  serialize(state: object): Buffer;
  invalidate(entries: Iterable<object>): void;
  /** Forgets every cached entry (after a rollback whose writes are not tracked). */
  reset(): void;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const bytes = (text: string) => Buffer.from(text, 'utf8');
const COMMA = bytes(',');

/**
 * Creates an incremental serialiser; its output is byte for byte JSON.stringify's. Entries are
 * cached as encoded bytes and the file assembled with one Buffer.concat: measured about four
 * times faster than joining (and then encoding) 10,000 cached strings.
 */
export function createStateSerializer(): StateSerializer {
  // Record members are cached with their key: an object never moves (applyChange copies it instead).
  let cache = new WeakMap<object, { key: string | null; data: Buffer }>();

  const cached = (value: object, key: string | null): Buffer => {
    const hit = cache.get(value);
    if (hit !== undefined && hit.key === key) return hit.data;
    const json = JSON.stringify(value);
    const data = bytes(key === null ? json : `${JSON.stringify(key)}:${json}`);
    cache.set(value, { key, data });
    return data;
  };

  const plainMember = (value: unknown, key: string): Buffer | undefined => {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : bytes(`${JSON.stringify(key)}:${json}`);
  };

  const joined = (open: string, parts: Buffer[], close: string): Buffer[] => {
    const out: Buffer[] = [bytes(open)];
    parts.forEach((part, i) => {
      if (i > 0) out.push(COMMA);
      out.push(part);
    });
    out.push(bytes(close));
    return out;
  };

  const members = (value: object, member: (item: unknown, key: string) => Buffer[] | Buffer | undefined) => {
    const parts: Buffer[] = [];
    for (const key of Object.keys(value)) {
      const part = member((value as Record<string, unknown>)[key], key);
      if (part !== undefined) parts.push(Array.isArray(part) ? Buffer.concat(part) : part);
    }
    return joined('{', parts, '}');
  };

  const entryMember = (item: unknown, key: string) =>
    isObject(item) ? cached(item, key) : plainMember(item, key);

  const list = (items: readonly unknown[]): Buffer[] =>
    joined(
      '[',
      items.map((item) => (isObject(item) ? cached(item, null) : bytes(JSON.stringify(item) ?? 'null'))),
      ']',
    );

  const collectionMember = (value: unknown, key: string): Buffer[] | Buffer | undefined => {
    if (!isObject(value)) return plainMember(value, key);
    const body = Array.isArray(value) ? list(value) : members(value, entryMember);
    return [bytes(`${JSON.stringify(key)}:`), ...body];
  };

  return {
    serialize: (state) => Buffer.concat(members(state, collectionMember)),
    invalidate: (entries) => {
      for (const value of entries) cache.delete(value);
    },
    reset: () => {
      cache = new WeakMap();
    },
  };
}
