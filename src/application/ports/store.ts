import type { State } from '../../domain/state.js';

/**
 * The bot's state, read and changed as one document. `update` runs its function on the
 * current state with no other update in between (serialised read-modify-write) and
 * resolves once the change is durable; if the function throws, nothing is written.
 * A store may also hand the change `current`: the very state `state` stands for, unwrapped, as
 * it stands while the change runs (its writes included). Reading it costs nothing per object,
 * and objects taken from it may be put back into `state` (the store moves rather than copies
 * them). A change must work without it too.
 */
export interface Store {
  read(): Readonly<State>;
  update<T>(change: (state: State, current?: Readonly<State>) => T): Promise<T>;
  close(): Promise<void>;
  /**
   * Whether the store can serve now, checked against what it depends on (a database): null when
   * it can, else why not, in words an operator reads. A store that depends on nothing beyond
   * what opening it checked has none.
   */
  readiness?(): Promise<string | null>;
  /**
   * For a store several processes share: takes the handling of the inbound event `id` (a Slack
   * `event_id`) for this process, true unless another process took it first. A store only one
   * process opens has none: the event record in the state (and in memory) is enough there.
   */
  takeEvent?(id: string): Promise<boolean>;
}

/** Why a write to the store failed, in words a channel can show (docs/product.md#safety-and-data: a clear answer). */
export type WriteFailureReason =
  | 'disk-full'
  | 'read-only'
  | 'no-permission'
  | 'io-error'
  | 'database-unreachable'
  | 'database-error';

const REASON_TEXT: Record<WriteFailureReason, string> = {
  'disk-full': 'its disk is full',
  'read-only': 'its disk is read-only',
  'no-permission': 'it has no permission to write its data files',
  'io-error': 'its disk reported an error',
  'database-unreachable': 'it cannot reach its database',
  'database-error': 'its database refused the change',
};

/**
 * The reason of an error a Store throws when it cannot make a change durable (the change is
 * then undone): an error with `writeFailure` set. Null for any other error.
 */
export function writeFailureOf(error: unknown): WriteFailureReason | null {
  const reason = (error as { writeFailure?: unknown } | null)?.writeFailure;
  return typeof reason === 'string' && reason in REASON_TEXT ? (reason as WriteFailureReason) : null;
}

/** "The bot could not save this change: its disk is full. Nothing changed." */
export function describeWriteFailure(reason: WriteFailureReason): string {
  return `The bot could not save this change: ${REASON_TEXT[reason]}. Nothing changed; try again once an administrator has fixed it.`;
}
