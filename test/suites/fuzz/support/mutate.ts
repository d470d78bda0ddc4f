import fc from 'fast-check';

type Json = unknown;
type Path = readonly (string | number)[];

/** Strings people, platforms and attackers send: unicode, control characters, markup, huge ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '👩‍👩‍👧‍👦🏳️‍🌈',
    '\ud800',
    '=cmd|"/c calc"!A1',
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax must reach the bot unevaluated
    '${x}{{y}}%s%n',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'null',
    '[]',
  ),
  hugeString(),
);

/** A long string made of a short one repeated (up to `times` times), cheap to generate and shrink. */
export function hugeString(times = 3_000): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 200, max: times }))
    .map(([unit, times]) => unit.repeat(times));
}

/** A value of the wrong type for almost any field. */
export const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  nastyString,
  fc.jsonValue({ maxDepth: 2 }),
);

/** One change to a JSON payload: at the `at`-th path (modulo their number), do `op`. */
type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: Json }
  | { op: 'add'; at: number; key: string; value: Json };

const mutation = (values: fc.Arbitrary<Json>): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: values }),
    fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: nastyString, value: values }),
  );

function pathsOf(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...path, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function valueAt(root: Json, path: Path): Json {
  let node = root as Record<string | number, Json> | undefined;
  for (const key of path) node = node?.[key as string] as Record<string | number, Json> | undefined;
  return node;
}

function parentOf(root: Json, path: Path): Record<string | number, Json> | null {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key as string] as Record<string | number, Json>;
  return node && typeof node === 'object' ? node : null;
}

/** Applies mutations to a deep copy of `base`; the whole payload is path 0 and can be replaced too. */
export function applyMutations(base: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(base);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length] as Path;
    if (m.op === 'add') {
      const target = valueAt(root, path);
      // defineProperty, so a key such as `__proto__` becomes an own field as JSON.parse would make it.
      if (target && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, m.key, {
          value: structuredClone(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      continue;
    }
    if (!path.length) {
      root = m.op === 'set' ? structuredClone(m.value) : {};
      continue;
    }
    const parent = parentOf(root, path);
    const key = path[path.length - 1] as string | number;
    if (!parent) continue;
    if (m.op === 'set') parent[key] = structuredClone(m.value);
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }
  return root;
}

/**
 * The valid payloads `base` makes, and mutations of them (wrong types, missing fields, huge and
 * unicode strings, nulls, extra fields, and the domain values `values` adds: wrong ids, forged data).
 * About a third of the cases stay valid, so the handlers behind validation are reached too.
 */
export function mutated<T>(
  base: fc.Arbitrary<T>,
  values: fc.Arbitrary<Json> = wrongValue,
): fc.Arbitrary<Json> {
  const anyValue = fc.oneof(wrongValue, values);
  return fc
    .tuple(
      base,
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 2, arbitrary: fc.array(mutation(anyValue), { minLength: 1, maxLength: 4 }) },
      ),
    )
    .map(([payload, mutations]) => applyMutations(payload, mutations));
}
