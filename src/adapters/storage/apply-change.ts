import { StoreError } from './store-error.js';

/**
 * Why an undo log rather than a copy: the state can hold 10,000 requests, and cloning it on
 * every update would make each update cost O(state). Instead `change` runs on the live state
 * through proxies that record the previous value of every property they write, so an update
 * costs O(what it touches) and a throw is undone by replaying the log backwards.
 */
interface UndoStep {
  target: object;
  key: PropertyKey;
  had: boolean;
  old: unknown;
}

/** The outcome of a change applied in place: its result, whether it wrote anything, and how to undo it. */
export interface AppliedChange<T> {
  result: T;
  changed: boolean;
  /** The entries of top-level collections (objects at depth 2, such as one request) it wrote into. */
  touched: readonly object[];
  /**
   * Where it wrote, as key paths of at most four keys: `['requests', 'r1', 'state']` inside one
   * entry, `['counters']` for a top-level value replaced or deleted; deeper writes are cut to
   * their first four keys.
   */
  paths: readonly (readonly string[])[];
  undo(): void;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function replay(log: readonly UndoStep[]): void {
  for (let i = log.length - 1; i >= 0; i--) {
    const step = log[i] as UndoStep;
    if (step.had) Reflect.set(step.target, step.key, step.old);
    else Reflect.deleteProperty(step.target, step.key);
  }
}

/**
 * Where a draft sits: its depth from the root, the depth-2 object (an entry of a collection)
 * holding it, and the first two keys of its path.
 */
interface Place {
  depth: number;
  entry: object | null;
  path: readonly string[];
}

const ROOT: Place = { depth: 0, entry: null, path: [] };

/**
 * Paths are kept to four keys: enough to name one element of an array inside a collection entry
 * (`['requests', 'r1', 'requesters', '7']`), so the journal can write that element rather than
 * the whole entry, whose size grows with its array.
 */
const PATH_KEYS = 4;

/** The place of a value read at `key` of a draft at `above`. */
function placeBelow(above: Place, key: PropertyKey, value: object): Place {
  const depth = above.depth + 1;
  const entry = depth === 2 ? value : depth > 2 ? above.entry : null;
  const path = above.path.length < PATH_KEYS ? [...above.path, String(key)] : above.path;
  return { depth, entry, path };
}

function createRecorder() {
  const log: UndoStep[] = [];
  const touched = new Set<object>();
  const paths = new Map<string, readonly string[]>();
  const proxyOf = new WeakMap<object, object>();
  const targetOf = new WeakMap<object, object>();
  const placeOf = new WeakMap<object, Place>();
  const revokers: (() => void)[] = [];

  const record = (target: object, key: PropertyKey) => {
    const had = Object.hasOwn(target, key);
    log.push({ target, key, had, old: had ? Reflect.get(target, key) : undefined });
    const place = placeOf.get(target) ?? ROOT;
    if (place.entry) touched.add(place.entry);
    const path = place.path.length < PATH_KEYS ? [...place.path, String(key)] : place.path;
    paths.set(path.join('\u0000'), path);
  };

  /** Replaces proxies inside a returned value by their live targets. */
  const unwrap = (value: unknown, seen = new Set<object>()): unknown => {
    if (!isObject(value)) return value;
    const target = targetOf.get(value);
    if (target) return target;
    if (seen.has(value)) return value;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const inner = (value as Record<string, unknown>)[key];
      const plain = unwrap(inner, seen);
      if (plain !== inner) (value as Record<string, unknown>)[key] = plain;
    }
    return value;
  };

  /**
   * Prepares a value to be stored at a location now holding `current`. Every object must sit in
   * the state exactly once, as it will after a save and reload: a part of the state stored
   * somewhere else, or a new object stored twice, is copied rather than shared.
   */
  const placed = new WeakSet<object>();
  const placeWithin = (value: unknown, current: unknown, movable: Set<object>): unknown => {
    if (!isObject(value)) return value;
    const target = targetOf.get(value);
    // Kept as it is: the value already there, or one taken over from it, as a draft or as itself.
    const own = target ?? value;
    if (own === current || movable.delete(own)) return own;
    if (target) return structuredClone(target);
    if (placed.has(value)) return structuredClone(value);
    placed.add(value);
    for (const key of Object.keys(value)) {
      const inner = (value as Record<string, unknown>)[key];
      const plain = placeWithin(inner, undefined, movable);
      if (plain !== inner) (value as Record<string, unknown>)[key] = plain;
    }
    return value;
  };
  /**
   * The objects directly inside the value being replaced sit nowhere else once it is gone, so the
   * new value takes them over as they are, each once (`outbox = outbox.filter(…)` keeps its
   * notices): copying them made replacing a list cost its whole contents rather than its length.
   */
  const place = (value: unknown, current: unknown): unknown => {
    const movable = new Set<object>();
    if (isObject(value) && isObject(current) && !targetOf.has(value))
      for (const inner of Object.values(current)) if (isObject(inner)) movable.add(inner);
    return placeWithin(value, current, movable);
  };

  /** Array lengths change implicitly (`a.length = 0`, `a[a.length] = x`); record what that loses or grows. */
  const recordLength = (target: object, key: PropertyKey, value: unknown) => {
    if (!Array.isArray(target)) return;
    if (key === 'length' && typeof value === 'number') {
      for (let i = value; i < target.length; i++) if (Object.hasOwn(target, i)) record(target, String(i));
    } else if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) && Number(key) >= target.length) {
      record(target, 'length');
    }
  };

  const handler: ProxyHandler<object> = {
    get: (target, key) => wrap(Reflect.get(target, key), { parent: target, key }),
    getOwnPropertyDescriptor: (target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      return descriptor && 'value' in descriptor
        ? { ...descriptor, value: wrap(descriptor.value, { parent: target, key }) }
        : descriptor;
    },
    set: (target, key, value) => {
      recordLength(target, key, value);
      record(target, key);
      return Reflect.set(target, key, place(value, Reflect.get(target, key)));
    },
    defineProperty: (target, key, descriptor) => {
      recordLength(target, key, descriptor.value);
      record(target, key);
      const current = Reflect.get(target, key);
      const plain =
        'value' in descriptor ? { ...descriptor, value: place(descriptor.value, current) } : descriptor;
      return Reflect.defineProperty(target, key, plain);
    },
    deleteProperty: (target, key) => {
      if (Object.hasOwn(target, key)) record(target, key);
      return Reflect.deleteProperty(target, key);
    },
    preventExtensions: () => false,
    setPrototypeOf: () => false,
  };

  function wrap<V>(value: V, from?: { parent: object; key: PropertyKey }): V {
    if (!isObject(value)) return value;
    const existing = proxyOf.get(value);
    if (existing) return existing as V;
    placeOf.set(value, from ? placeBelow(placeOf.get(from.parent) ?? ROOT, from.key, value) : ROOT);
    const { proxy, revoke } = Proxy.revocable(value, handler);
    proxyOf.set(value, proxy);
    targetOf.set(proxy, value);
    revokers.push(revoke);
    return proxy as V;
  }

  const revokeAll = () => {
    for (const revoke of revokers) revoke();
  };
  return { log, touched, paths, wrap, unwrap, revokeAll };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  isObject(value) && typeof (value as { then?: unknown }).then === 'function';

/**
 * Runs `change` on `state` in place. If it throws, every write it made is undone before the
 * error is rethrown. Its drafts are revoked when it returns, so a reference kept past the
 * change fails loudly instead of writing behind the store's back. `change` must be synchronous.
 */
export function applyChange<S extends object, T>(
  state: S,
  change: (draft: S, current: Readonly<S>) => T,
): AppliedChange<T> {
  const recorder = createRecorder();
  try {
    const result = change(recorder.wrap(state), state);
    if (isThenable(result)) {
      Promise.resolve(result).catch(() => {});
      throw new StoreError('change-not-sync', 'A store change must be synchronous; it returned a promise.');
    }
    const plain = recorder.unwrap(result) as T;
    const log = recorder.log;
    return {
      result: plain,
      changed: log.length > 0,
      touched: [...recorder.touched],
      paths: [...recorder.paths.values()],
      undo: () => replay(log),
    };
  } catch (error) {
    replay(recorder.log);
    throw error;
  } finally {
    recorder.revokeAll();
  }
}
