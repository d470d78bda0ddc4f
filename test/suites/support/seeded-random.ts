/** A reproducible stream of random choices: the same seed gives the same run. */
export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, max). */
  int(max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** The seed from `value` (an environment variable) when it is a whole number, else a fresh one. */
export function seedFrom(value: string | undefined): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isSafeInteger(parsed) ? parsed >>> 0 : Math.floor(Math.random() * 2 ** 32);
}

/**
 * mulberry32: a few lines, well known, enough for choosing test moments. Written here rather than
 * imported because no direct dependency offers a seedable generator with a plain API.
 */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (max) => Math.floor(next() * max),
    chance: (p) => next() < p,
    pick: (items) => {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

/** A count from the environment (`CRASH_CYCLES=100`), or the default when unset or not a positive integer. */
export function countFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
}
