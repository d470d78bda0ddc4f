import type { State } from '../../domain/state.js';

/**
 * The bot's state, read and changed as one document. `update` runs its function on the
 * current state with no other update in between (serialised read-modify-write) and
 * resolves once the change is durable; if the function throws, nothing is written.
 */
export interface Store {
  read(): Readonly<State>;
  update<T>(change: (state: State) => T): Promise<T>;
  close(): Promise<void>;
}
