import type { Deps } from './deps.js';
import { describeWriteFailure, writeFailureOf } from './ports/store.js';
import { message } from './views/format.js';
import type { View } from './views/view.js';

/**
 * Runs what a person asked for; when the store cannot make the change durable (disk full,
 * read-only, no permission), logs one line and answers with `answer(view)` naming the reason,
 * instead of letting the channel fail with a stack trace or say nothing (docs/product.md#safety-and-data).
 * Other errors pass through unchanged.
 */
export async function answeringWriteFailure<T>(
  deps: Pick<Deps, 'logger'>,
  input: { what: string; run: () => Promise<T>; answer: (view: View) => T },
): Promise<T> {
  try {
    return await input.run();
  } catch (error) {
    const reason = writeFailureOf(error);
    if (reason === null) throw error;
    deps.logger.error('could not save a change', {
      what: input.what,
      reason,
      error: error instanceof Error ? error.message : String(error),
    });
    return input.answer(message('error', describeWriteFailure(reason)));
  }
}

/** Runs a bookkeeping write; when the disk refuses it, logs one line and resolves null instead. */
export async function skippingWriteFailure<T>(
  deps: Pick<Deps, 'logger'>,
  what: string,
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    const reason = writeFailureOf(error);
    if (reason === null) throw error;
    deps.logger.warn('could not save', { what, reason });
    return null;
  }
}
