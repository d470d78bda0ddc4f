import type { Store } from '../../src/application/ports/store.js';
import { emptyState, State } from '../../src/domain/state.js';

/** An in-memory Store whose "disk" is a JSON string, so a test can crash and restart from it. */
export interface DiskStore extends Store {
  /** What a process starting now would load. */
  disk(): string;
  /** How many updates were written. */
  writes(): number;
}

/** A store over a copy of `disk` (or an empty state); a throwing change writes nothing. */
export function createDiskStore(disk?: string): DiskStore {
  let state = disk ? State.parse(JSON.parse(disk)) : emptyState();
  let written = JSON.stringify(state);
  let writes = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read: () => state,
    update: <T>(change: (s: State, current?: Readonly<State>) => T): Promise<T> => {
      const run = queue.then(async () => {
        const draft = structuredClone(state);
        const result = change(draft, draft);
        state = draft;
        written = JSON.stringify(draft);
        writes += 1;
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {},
    disk: () => written,
    writes: () => writes,
  };
}
