import type { Clock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import { type Store, writeFailureOf } from '../../application/ports/store.js';
import type { State } from '../../domain/state.js';
import { type AppliedAttempts, type Attempt, applyAttempts } from './apply-attempts.js';

/** Keeps delivery results durable one by one, and holds back sending while they cannot be saved. */
export interface ResultRecorder {
  /**
   * Saves one attempt's result (writes share a group commit); kept in memory when that fails. Never
   * throws. `also` rides the same write (a worker's claims); it is dropped with a result kept back.
   */
  record(
    attempt: Attempt,
    also?: (state: State, current: Readonly<State>) => void,
  ): Promise<AppliedAttempts | null>;
  /**
   * Saves the results kept after a failed write, once their backoff has passed. `ok` is true when
   * none is kept any more: only then may anything be sent, or a notice already sent would be sent again.
   */
  catchUp(): Promise<{ ok: boolean; applied: AppliedAttempts | null }>;
  /** True while results are kept unsaved: no new send may start. */
  halted(): boolean;
  /** When kept results will be tried again, or null when none is kept. */
  retryAt(): Date | null;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Results are written one attempt at a time, so a crash loses at most those in flight (docs/product.md#safety-and-data),
 * and the store's group commit lets concurrent ones share a write. A failing disk (full,
 * read-only) keeps the unsaved results in memory, halts sending, retries with backoff and logs
 * once when it starts failing and once when it recovers: never a line or a post per run.
 */
export function createResultRecorder(input: { store: Store; clock: Clock; logger: Logger }): ResultRecorder {
  const { store, clock, logger } = input;
  let kept: Attempt[] = [];
  let failures = 0;
  let retryAtMs = 0;

  const failed = (attempts: readonly Attempt[], error: unknown) => {
    kept.push(...attempts);
    failures += 1;
    retryAtMs = clock.now().getTime() + Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
    if (failures > 1) return;
    logger.error('delivery paused: results cannot be saved; nothing more is sent until they are', {
      reason: writeFailureOf(error) ?? 'error',
      error: error instanceof Error ? error.message : String(error),
    });
  };

  const write = async (
    attempts: Attempt[],
    also?: (state: State, current: Readonly<State>) => void,
  ): Promise<AppliedAttempts | null> => {
    try {
      return await store.update((state, current) => {
        const applied = applyAttempts(state, attempts, store.read());
        also?.(state, current ?? state);
        return applied;
      });
    } catch (error) {
      failed(attempts, error);
      return null;
    }
  };

  return {
    record: async (attempt, also) => {
      // Once one result is kept, later ones queue behind it in order, with no write meanwhile.
      if (kept.length > 0) {
        kept.push(attempt);
        return null;
      }
      return write([attempt], also);
    },
    catchUp: async () => {
      if (kept.length === 0) return { ok: true, applied: null };
      if (clock.now().getTime() < retryAtMs) return { ok: false, applied: null };
      const batch = kept;
      kept = [];
      const applied = await write(batch);
      if (applied === null) return { ok: false, applied: null };
      logger.info('delivery resumed: saved results held back', { results: batch.length, failures });
      failures = 0;
      return { ok: true, applied };
    },
    halted: () => kept.length > 0,
    retryAt: () => (kept.length > 0 ? new Date(retryAtMs) : null),
  };
}
