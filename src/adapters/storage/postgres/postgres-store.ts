/**
 * The Store on PostgreSQL, for several replicas on one database (docs/SPEC §12).
 *
 * Why the state stays in memory: the Store port's read() is synchronous and every use case is
 * written against the whole State, so each replica keeps a copy, loaded at start from one table
 * per top-level collection (state-tables.ts), and the database is where changes become durable
 * and meet. Why this keeps replicas as one:
 * - every update is one transaction that first takes one advisory lock (`pg_advisory_xact_lock`),
 *   so writes from all replicas are serialised, and then catches up on the `changes` rows other
 *   replicas committed since this one last looked, before the change runs. A change thus always
 *   decides on the newest state: of two admins deciding at once on two replicas, the first wins
 *   and the second sees it decided;
 * - the change runs on a change-recording draft (apply-change.ts, as the file store does); the
 *   rows it touched are upserted or deleted (state-rows.ts), one `changes` row each, a NOTIFY sent,
 *   and COMMIT makes it durable. If the change throws, nothing is written; if the write fails, the
 *   transaction rolls back and the change is undone in memory, and the caller gets a StoreError
 *   with a `writeFailure` it can word ("it cannot reach its database");
 * - between updates, a LISTEN connection hears other replicas' commits and schedules a catch-up
 *   in the same in-process queue, so read() follows them within moments;
 * - `changes` is pruned past `keepChanges` rows; a replica that fell behind the pruned part
 *   reloads everything.
 */
import type pg from 'pg';
import type { Store } from '../../../application/ports/store.js';
import type { State } from '../../../domain/state.js';
import { type AppliedChange, applyChange } from '../apply-change.js';
import { StoreError } from '../store-error.js';
import { listenForChanges } from './change-listener.js';
import { databaseWriteFailed, isConnectionLoss } from './pg-errors.js';
import { catchUp, type Loaded, loadState } from './state-read.js';
import type { ListRows } from './state-rows.js';
import { rowWritesOf } from './state-rows.js';
import { pruneChanges, writeRows } from './state-write.js';

/** Any fixed number shared by every replica: the key of the lock every write takes. */
const STORE_LOCK_KEY = 7_351_220_902;
/** The channel a write NOTIFYs with its last change number. */
export const CHANGES_CHANNEL = 'iab_state_changes';

export interface PostgresStore extends Store {
  /** Reads what other replicas committed since the last look (the listener does it on its own). */
  refresh(): Promise<void>;
  /** The number of the last change this replica has seen. */
  lastSeq(): number;
}

export interface PostgresStoreOptions {
  pool: pg.Pool;
  /** `changes` rows kept (default 10,000); older ones are pruned every `pruneEvery` writes. */
  keepChanges?: number;
  pruneEvery?: number;
  /** Set false to rely on catch-ups at each update only (no LISTEN connection). */
  listen?: boolean;
  /** Failures of background catch-ups and of the listener, for the log. */
  onError?: (message: string, error: unknown) => void;
}

/** Runs tasks one at a time, in order; a failed task does not stop the next. */
function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };
}

async function inTransaction<T>(client: pg.PoolClient, begin: string, work: () => Promise<T>): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Opens the state held in the database (migrated beforehand: runMigrations). */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { pool } = options;
  const keep = options.keepChanges ?? 10_000;
  const pruneEvery = options.pruneEvery ?? 100;
  const onError = options.onError ?? (() => {});
  const serial = createSerialQueue();

  /** Borrows a pool client for `work`; a client whose connection broke is discarded, not reused. */
  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw databaseWriteFailed('store-write-failed', cause);
    }
    let broken: Error | undefined;
    // A connection lost while the client is out is also emitted as an event: without a listener it
    // would end the process. The failing query rejects as well, and that is what is handled.
    const onLost = (error: Error) => {
      broken = error;
    };
    client.on('error', onLost);
    try {
      return await work(client);
    } catch (error) {
      if (isConnectionLoss(error)) broken = error as Error;
      throw error;
    } finally {
      client.off('error', onLost);
      client.release(broken);
    }
  };

  const loaded: Loaded = await withClient((client) =>
    inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', () => loadState(client)),
  );
  const state: State = loaded.state;
  let lists: Map<string, ListRows> = loaded.lists;
  let lastSeq = loaded.lastSeq;
  let closed = false;
  let writes = 0;

  /** Catches up, or reloads everything in place when the changes it missed were pruned. */
  const catchUpOn = async (client: pg.PoolClient) => {
    const seq = await catchUp(client, { state, lists, afterSeq: lastSeq });
    if (seq !== null) {
      lastSeq = seq;
      return;
    }
    const fresh = await loadState(client);
    const target = state as unknown as Record<string, unknown>;
    for (const key of Object.keys(target)) if (!Object.hasOwn(fresh.state, key)) delete target[key];
    Object.assign(target, fresh.state);
    lists = fresh.lists;
    lastSeq = fresh.lastSeq;
  };

  const refreshNow = () =>
    withClient((client) =>
      inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', () => catchUpOn(client)),
    );

  let refreshQueued = false;
  const scheduleRefresh = () => {
    if (refreshQueued || closed) return;
    refreshQueued = true;
    serial(async () => {
      refreshQueued = false;
      if (!closed) await refreshNow();
    }).catch((error: unknown) => onError('catching up with other replicas failed', error));
  };

  const listener =
    options.listen === false
      ? null
      : await listenForChanges({
          client: pool.options,
          channel: CHANGES_CHANNEL,
          onNotify: (payload) => {
            if (payload === null || Number(payload) > lastSeq) scheduleRefresh();
          },
          onError: (error) => onError('the change listener lost its connection', error),
        });

  /** Opens the update's transaction: the lock every replica's writes queue on, then what they committed. */
  const begin = async (client: pg.PoolClient) => {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [STORE_LOCK_KEY]);
      await catchUpOn(client);
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => {});
      throw cause instanceof StoreError ? cause : databaseWriteFailed('store-write-failed', cause);
    }
  };

  /** Writes the rows a change touched, notifies, commits; undoes the change in memory if any of it fails. */
  const commit = async (client: pg.PoolClient, applied: AppliedChange<unknown>) => {
    try {
      const { writes: rows, lists: written } = rowWritesOf({
        state,
        paths: applied.paths,
        touched: applied.touched,
        lists,
      });
      const seq = await writeRows(client, rows);
      if (seq !== null) {
        if (++writes % pruneEvery === 0) await pruneChanges(client, { last: seq, keep });
        await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(seq)]);
      }
      await client.query('COMMIT');
      if (seq !== null) lastSeq = seq;
      for (const [top, rowsOfList] of written) lists.set(top, rowsOfList);
    } catch (cause) {
      applied.undo();
      await client.query('ROLLBACK').catch(() => {});
      throw cause instanceof StoreError ? cause : databaseWriteFailed('store-write-failed', cause);
    }
  };

  /** One update: lock, catch up, change, write, notify, commit. A change that throws writes nothing. */
  const run = <T>(change: (state: State, current?: Readonly<State>) => T) =>
    withClient(async (client) => {
      await begin(client);
      let applied: AppliedChange<T>;
      try {
        applied = applyChange(state, change);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
      await commit(client, applied);
      return applied.result;
    });

  return {
    read: () => state,
    update: (change) => {
      if (closed) return Promise.reject(new StoreError('store-closed', 'The PostgreSQL store is closed.'));
      return serial(() => run(change));
    },
    refresh: () => serial(refreshNow),
    lastSeq: () => lastSeq,
    close: async () => {
      if (closed) return;
      closed = true;
      await serial(async () => {});
      await listener?.close();
    },
  };
}
