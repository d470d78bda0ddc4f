import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

/** Cases per entry point: small by default so `npm test` stays quick; CI sets FUZZ_RUNS=10000. */
export const FUZZ_RUNS = positive('FUZZ_RUNS', 200);
/** One fixed seed unless FUZZ_SEED says otherwise, so a failure replays exactly. */
export const FUZZ_SEED = integer('FUZZ_SEED', 20261128);
/** Runs between full checks (settle, reload DATA_DIR as the next start would, back to the baseline). */
export const FUZZ_BATCH = positive('FUZZ_BATCH', 50);

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function positive(name: string, fallback: number): number {
  const value = integer(name, fallback);
  if (value < 1) throw new Error(`${name} must be 1 or more, got ${value}`);
  return value;
}

/** Time a property may take: about 40 ms a case, and three minutes for shrinking a failure, since CI counts are 50 times larger. */
export const timeoutFor = (runs = FUZZ_RUNS) => 180_000 + runs * 40;

/**
 * Runs one entry point's property with the suite's seed and count, printing both first (FUZZ_PATH
 * replays one counterexample). fast-check's own failure report carries the counterexample and seed.
 */
export async function fuzz<T>(entryPoint: string, property: fc.IAsyncProperty<T>, runs = FUZZ_RUNS) {
  const path = process.env.FUZZ_PATH || undefined;
  const started = Date.now();
  console.log(`fuzz ${entryPoint}: seed ${FUZZ_SEED}, ${runs} cases${path ? `, path ${path}` : ''}`);
  await fc.assert(property, { seed: FUZZ_SEED, numRuns: runs, path, endOnFailure: false });
  console.log(`fuzz ${entryPoint}: ${runs} cases passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Short text for a failure message: the case as JSON, long strings cut. */
export function describeCase(value: unknown, max = 600): string {
  const text = JSON.stringify(value, (_k, v) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
  );
  return text && text.length > max ? `${text.slice(0, max)}…` : String(text);
}

/**
 * A fresh scratch directory, in memory (/dev/shm) where there is one: the fuzz cases write the
 * state on every change, and an fsync to a real disk would cost more than the case itself.
 */
export function scratchDir(prefix: string): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, prefix));
}
