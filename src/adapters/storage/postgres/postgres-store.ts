/**
 * The Store on PostgreSQL, for several replicas on one database (docs/SPEC §12).
 *
 * Why the state stays in memory: the Store port's read() is synchronous and every use case is
 * written against the whole State, so each replica keeps a copy, loaded at start from one table
 * per top-level collection (state-tables.ts), and the database is where changes become durable
 * and meet. Why this keeps replicas as one:
 * - updates are written by transactions that each first take one advisory lock
 *   (`pg_advisory_xact_lock`), so writes from all replicas are serialised, and then catch up on the
 *   `changes` rows other replicas committed since this one last looked, before any change runs. A
 *   change thus always decides on the newest state: of two admins deciding at once on two
 *   replicas, the first wins and the second sees it decided;
 * - group commit (change-batch.ts): while one transaction is in flight, further updates queue, and
 *   the next transaction takes them all: one lock, one catch-up, then each change in order on a
 *   change-recording draft (apply-change.ts, as the file store does), each seeing the ones before
 *   it. The rows they touched are upserted or deleted once, with their last value (state-rows.ts),
 *   one `changes` row each, one NOTIFY, and one COMMIT makes the batch durable; only then does each
 *   caller get its own result. Waiting on the previous commit is what limited a replica to a few
 *   dozen updates a second with fsync on; now one commit serves every update that waited on it;
 * - a change that throws is undone alone and only its caller gets the error. If the write fails,
 *   the transaction rolls back, every change of the batch is undone in memory (newest first), and
 *   each caller gets a StoreError with a `writeFailure` it can word ("it cannot reach its database");
 * - between updates, a LISTEN connection hears other replicas' commits, each notice carrying the
 *   rows its write wrote (change-notice.ts), and applies them in the same in-process queue, so
 *   read() follows them within moments without reading the database; a notice that does not follow
 *   on from where this replica stands (one missed, one too large to carry its rows) makes it read
 *   the database instead, as the catch-up under the lock also does for anything not yet heard;
 * - a transaction is two round trips: BEGIN, the lock and the change marks in one query text; the
 *   rows, the `changes` rows, the NOTIFY, the audit entries the batch numbered (so they commit with
 *   their change, and the audit log needs no transaction of its own) and COMMIT in another
 *   (state-write.ts);
 * - `changes` is pruned past `keepChanges` rows; a replica that fell behind the pruned part
 *   reloads everything.
 */
import type pg from 'pg';
import type { Store } from '../../../application/ports/store.js';
import type { State } from '../../../domain/state.js';
import { StoreError } from '../store-error.js';
import {
  type AppliedInBatch,
  applyBatch,
  batchWrites,
  createBatcher,
  type QueuedChange,
  undoBatch,
} from './change-batch.js';
import { listenForChanges } from './change-listener.js';
import { applyNotice, type ChangeNotice, lastOfNotice, parseNotice } from './change-notice.js';
import { databaseWriteFailed, isConnectionLoss } from './pg-errors.js';
import { catchUp, type Loaded, loadState, MARKS_SQL, marksOf } from './state-read.js';
import type { ListRows } from './state-rows.js';
import { commitResults, commitText } from './state-write.js';

/** Any fixed number shared by every replica: the key of the lock every write takes. */
const STORE_LOCK_KEY = 7_351_220_902;
/** Kept notices read at most when taking the lock; a replica further behind reads the rows `changes` names. */
const KEPT_NOTICES_READ = 64;
/** The channel a write NOTIFYs with the rows it wrote and its last change number (change-notice.ts). */
export const CHANGES_CHANNEL = 'iab_state_changes';

export interface PostgresStore extends Store {
  takeEvent(id: string): Promise<boolean>;
  readiness(): Promise<string | null>;
  /** Reads what other replicas committed since the last look (the listener does it on its own). */
  refresh(): Promise<void>;
  /** The number of the last change this replica has seen. */
  lastSeq(): number;
}

/**
 * The audit log's side of writing audit entries with the change that numbered them: the store
 * inserts the state's queued entries past `lastSeq()` (the batch's, and any another replica's
 * change queued) in the batch's transaction, under the log's lock, and hands back the rows past
 * it once committed.
 */
export interface AuditWrittenWithState {
  lastSeq(): number;
  lockKey: number;
  took(rows: readonly Record<string, unknown>[]): void;
}

export interface PostgresStoreOptions {
  pool: pg.Pool;
  /** Writes the audit entries a change queued in its own transaction (else the audit log appends them after). */
  audit?: AuditWrittenWithState;
  /** `changes` rows kept (default 10,000); older ones are pruned every `pruneEvery` writes. */
  keepChanges?: number;
  pruneEvery?: number;
  /** Set false to rely on catch-ups at each update only (no LISTEN connection). */
  listen?: boolean;
  /** Failures of background catch-ups and of the listener, for the log. */
  onError?: (message: string, error: unknown) => void;
  /**
   * The newest migration this release knows. Once the database holds a newer one, a newer release
   * is running beside this replica, and `readiness()` says so: a rolling deploy drains the old
   * replicas instead of leaving two releases taking traffic (docs/deploy.md).
   */
  knownMigration?: number;
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

/** Inbound event ids are pruned once this old (Slack retries within minutes), every this many taken. */
const INBOUND_EVENTS_KEPT = '1 hour';
const INBOUND_EVENTS_PRUNE_EVERY = 500;

/** How long a readiness check waits for the database to answer, and how long its answer is kept. */
export const READINESS_TIMEOUT_MS = 2000;
const READINESS_KEPT_MS = 1000;

/**
 * Whether the database answers within READINESS_TIMEOUT_MS (null when it did not), and the newest
 * migration recorded in it: one query, costing what `SELECT 1` would.
 */
async function databaseAnswer(pool: pg.Pool): Promise<{ newestMigration: number } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READINESS_TIMEOUT_MS);
  });
  const answered = pool
    .query<{ newest: number | null }>('SELECT max(version) AS newest FROM schema_migrations')
    .then(
      ({ rows }) => ({ newestMigration: rows[0]?.newest ?? 0 }),
      () => null,
    );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
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
  /** Notices heard and not yet applied, in commit order; and whether some may have been missed. */
  let heard: ChangeNotice[] = [];
  let mustRead = false;

  /**
   * Applies notices in order while each follows on from where this replica stands. False at the
   * first that does not (one missed), that carries no rows, or whose rows the schema refuses.
   */
  const applyNotices = (notices: readonly ChangeNotice[]): boolean => {
    for (const notice of notices) {
      if (notice.last <= lastSeq) continue;
      if (notice.parts === null || notice.after !== lastSeq) return false;
      try {
        applyNotice({ state, lists, parts: notice.parts });
      } catch {
        return false;
      }
      lastSeq = notice.last;
    }
    return true;
  };

  /** Applies the notices heard; false when the database must be read (also after the listener was away). */
  const applyHeard = (): boolean => {
    const notices = heard;
    heard = [];
    return applyNotices(notices) && !mustRead;
  };

  /** Catches up from the database, or reloads everything in place when the changes it missed were pruned. */
  const catchUpOn = async (client: pg.PoolClient, marks?: { last: number; prunedThrough: number }) => {
    const seq = await catchUp(client, { state, lists, afterSeq: lastSeq, marks });
    mustRead = false;
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

  /**
   * Opens a transaction with `opening` (BEGIN, and the lock for a write) and catches up in it:
   * the notices heard, then those kept that this replica missed (read in the same query), then,
   * for whatever they did not bring, the rows `changes` names.
   */
  const openAndCatchUp = async (client: pg.PoolClient, opening: string) => {
    const results = (await client.query(
      `${opening}; ${MARKS_SQL};
       SELECT notice FROM change_notices WHERE last > ${lastSeq} ORDER BY last LIMIT ${KEPT_NOTICES_READ}`,
    )) as unknown as pg.QueryResult[];
    const [marked, kept] = results.slice(-2);
    applyHeard();
    const notices = (kept?.rows ?? []).map((row) => parseNotice(String(row.notice)));
    applyNotices(notices.filter((notice) => notice !== null));
    await catchUpOn(client, marksOf(marked?.rows[0]));
  };

  const refreshNow = () =>
    withClient(async (client) => {
      try {
        await openAndCatchUp(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      } finally {
        await client.query('COMMIT').catch(() => {});
      }
    });

  let refreshQueued = false;
  const scheduleRefresh = () => {
    if (refreshQueued || closed) return;
    refreshQueued = true;
    serial(async () => {
      refreshQueued = false;
      if (!closed && !applyHeard()) await refreshNow();
    }).catch((error: unknown) => onError('catching up with other replicas failed', error));
  };

  const listener =
    options.listen === false
      ? null
      : await listenForChanges({
          client: pool.options,
          channel: CHANGES_CHANNEL,
          onNotify: (payload) => {
            // This replica's own notices, and those it already caught up past, are dropped unparsed.
            const last = payload === null ? null : lastOfNotice(payload);
            if (last !== null && last <= lastSeq) return;
            const notice = payload === null ? null : parseNotice(payload);
            if (notice === null) mustRead = true;
            else if (notice.last <= lastSeq) return;
            else heard.push(notice);
            scheduleRefresh();
          },
          onError: (error) => onError('the change listener lost its connection', error),
        });

  /**
   * Opens the update's transaction: the lock every replica's writes queue on, then what they
   * committed, from the notices heard or else from the database.
   */
  const begin = async (client: pg.PoolClient) => {
    try {
      await openAndCatchUp(client, `BEGIN; SELECT pg_advisory_xact_lock(${STORE_LOCK_KEY})`);
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => {});
      throw cause instanceof StoreError ? cause : databaseWriteFailed('store-write-failed', cause);
    }
  };

  /** Writes the rows the batch touched, notifies, commits; undoes the whole batch in memory if any of it fails. */
  const commit = async (client: pg.PoolClient, standing: readonly AppliedInBatch[]) => {
    try {
      const { writes: rows, lists: written } = batchWrites({ state, lists, standing });
      const { audit } = options;
      // Queued entries the log is not known to hold: this batch's, and those another replica's
      // change queued (written with it; `ON CONFLICT` keeps them once), so none needs an append after.
      const entries = audit ? state.auditQueue.pending.filter((entry) => entry.seq > audit.lastSeq()) : [];
      const text = commitText({
        writes: rows,
        afterSeq: lastSeq,
        channel: CHANGES_CHANNEL,
        prune: rows.length > 0 && ++writes % pruneEvery === 0 ? { keep } : null,
        audit:
          audit && entries.length > 0 ? { entries, afterSeq: audit.lastSeq(), lockKey: audit.lockKey } : null,
      });
      const { last, auditRows } = commitResults(await client.query(text));
      if (last !== null) lastSeq = last;
      for (const [top, rowsOfList] of written) lists.set(top, rowsOfList);
      if (auditRows.length > 0) audit?.took(auditRows);
    } catch (cause) {
      undoBatch(standing);
      await client.query('ROLLBACK').catch(() => {});
      throw cause instanceof StoreError ? cause : databaseWriteFailed('store-write-failed', cause);
    }
  };

  /**
   * One transaction for a batch of updates: lock, catch up, apply each change, write, notify,
   * commit; then each caller gets its own result. A change that throws is undone alone and only
   * its caller rejected; a failed transaction undoes and rejects them all.
   */
  const runBatch = async (batch: QueuedChange[]) => {
    try {
      const standing = await withClient(async (client) => {
        await begin(client);
        const applied = applyBatch({ state, lists, batch });
        await commit(client, applied);
        return applied;
      });
      for (const { queued, applied } of standing) queued.resolve(applied.result);
    } catch (error) {
      // Callers already rejected (their change threw) keep their own error.
      for (const queued of batch) queued.reject(error);
    }
  };
  const enqueue = createBatcher({
    schedule: (task) => {
      serial(task).catch(() => {});
    },
    run: runBatch,
  });

  // Whoever reaches the port may ask: one query at a time, its answer kept for a second.
  let answer: { at: number; got: ReturnType<typeof databaseAnswer> } | null = null;
  const asked = () => {
    if (answer === null || performance.now() - answer.at > READINESS_KEPT_MS)
      answer = { at: performance.now(), got: databaseAnswer(pool) };
    return answer.got;
  };

  let takenSincePrune = 0;
  const takeEvent = async (id: string): Promise<boolean> => {
    try {
      const taken = await pool.query(
        'INSERT INTO inbound_events (id) VALUES ($1) ON CONFLICT (id) DO NOTHING',
        [id],
      );
      if (++takenSincePrune >= INBOUND_EVENTS_PRUNE_EVERY) {
        takenSincePrune = 0;
        pool
          .query(`DELETE FROM inbound_events WHERE taken_at < now() - interval '${INBOUND_EVENTS_KEPT}'`)
          .catch((error: unknown) => onError('pruning inbound event ids failed', error));
      }
      return taken.rowCount === 1;
    } catch (error) {
      // Better answered twice across replicas than not at all: a change it makes is still checked
      // against the events recorded in the state, in its own transaction.
      onError('recording an inbound event id failed', error);
      return true;
    }
  };

  return {
    read: () => state,
    takeEvent,
    readiness: async () => {
      if (closed) return 'the store is closed';
      if (listener && !listener.listening())
        return "its connection that hears other replicas' writes is down (reconnecting)";
      const got = await asked();
      if (got === null) return 'it cannot reach its database';
      const known = options.knownMigration;
      if (known !== undefined && got.newestMigration > known)
        return `a newer release migrated its database (to migration ${got.newestMigration}; this release knows up to ${known}): replace this replica with the new release`;
      return null;
    },
    update: (change) => {
      if (closed) return Promise.reject(new StoreError('store-closed', 'The PostgreSQL store is closed.'));
      return enqueue(change);
    },
    refresh: () =>
      serial(async () => {
        applyHeard();
        await refreshNow();
      }),
    lastSeq: () => lastSeq,
    close: async () => {
      if (closed) return;
      closed = true;
      await serial(async () => {});
      await listener?.close();
    },
  };
}
