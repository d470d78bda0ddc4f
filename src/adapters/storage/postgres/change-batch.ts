/**
 * Group commit for the PostgreSQL store: updates made while a transaction is in flight wait
 * together for the next one, which applies them one after another on the in-memory state and
 * writes what they touched once. This file is the in-memory half: queueing updates into batches,
 * applying a batch change by change (a change that fails is undone alone and only its caller
 * hears of it), and the rows the batch as a whole must write.
 */
import type { State } from '../../../domain/state.js';
import { type AppliedChange, applyChange } from '../apply-change.js';
import { type ListRows, rowWritesOf, type TableWrite } from './state-rows.js';

/** An update waiting for its transaction, with its caller's promise. */
export interface QueuedChange {
  change: (state: State, current?: Readonly<State>) => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** A queued change applied in memory, waiting for its transaction to commit. */
export interface AppliedInBatch {
  queued: QueuedChange;
  applied: AppliedChange<unknown>;
}

/**
 * Collects updates into batches: the first update after a batch has started schedules the next
 * one (through `schedule`, the store's serial queue), and every update made before that batch
 * starts joins it.
 */
export function createBatcher(input: {
  schedule: (task: () => Promise<void>) => void;
  run: (batch: QueuedChange[]) => Promise<void>;
}) {
  let waiting: QueuedChange[] = [];
  return <T>(change: (state: State, current?: Readonly<State>) => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ change, resolve: resolve as (result: unknown) => void, reject });
      if (waiting.length > 1) return;
      input.schedule(() => {
        const batch = waiting;
        waiting = [];
        return input.run(batch);
      });
    });
}

/**
 * Applies each queued change in order on `state`. One that throws, or whose rows could not be
 * stored (a list element without an id), is undone and its caller rejected; the rest go on and
 * see the changes before them. Returns the changes that stand, in order.
 */
export function applyBatch(input: {
  state: State;
  lists: ReadonlyMap<string, ListRows>;
  batch: readonly QueuedChange[];
}): AppliedInBatch[] {
  const { state, lists } = input;
  const standing: AppliedInBatch[] = [];
  for (const queued of input.batch) {
    let applied: AppliedChange<unknown>;
    try {
      applied = applyChange(state, queued.change);
    } catch (error) {
      queued.reject(error);
      continue;
    }
    try {
      // Checks the rows now, so a change that cannot be stored fails alone, not the whole batch.
      if (applied.changed) rowWritesOf({ state, paths: applied.paths, touched: applied.touched, lists });
    } catch (error) {
      applied.undo();
      queued.reject(error);
      continue;
    }
    standing.push({ queued, applied });
  }
  return standing;
}

/** Undoes the changes of a batch, newest first, so memory is as it was before the batch ran. */
export function undoBatch(standing: readonly AppliedInBatch[]): void {
  for (let i = standing.length - 1; i >= 0; i--) standing[i]?.applied.undo();
}

/** The rows the batch's changes wrote, each row once with its last value, and the lists as they leave them. */
export function batchWrites(input: {
  state: State;
  lists: ReadonlyMap<string, ListRows>;
  standing: readonly AppliedInBatch[];
}): { writes: TableWrite[]; lists: Map<string, ListRows> } {
  const { state, lists, standing } = input;
  return rowWritesOf({
    state,
    paths: standing.flatMap((item) => item.applied.paths),
    touched: standing.flatMap((item) => item.applied.touched),
    lists,
  });
}
