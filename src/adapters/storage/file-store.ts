import { mkdir, truncate } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import type { Store } from '../../application/ports/store.js';
import { emptyState, type State } from '../../domain/state.js';
import { applyChange } from './apply-change.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { removeLeftoverTemps, writeFileDurably } from './durable-write.js';
import { createGroupCommit } from './group-commit.js';
import { encodeJournalEntry, JOURNAL_FILE_NAME, journalOps, WrittenLists } from './journal.js';
import { createJournalWriter, type JournalWriter } from './journal-writer.js';
import { StateFileAdapter } from './state-file-adapter.js';
import { StoreError, writeFailed } from './store-error.js';

/** The snapshot file in the data directory. */
export const STATE_FILE_NAME = 'state.json';

/** The lowdb-backed Store, with where it keeps its data. */
export interface FileStore extends Store {
  readonly file: string;
  readonly journalFile: string;
}

/**
 * When the journal is folded into a fresh snapshot: once it holds `maxLines` lines or `maxBytes`
 * bytes, and is at least `snapshotRatio` times as large as the last snapshot.
 */
export interface CompactionLimits {
  maxLines: number;
  maxBytes: number;
  snapshotRatio: number;
}

/**
 * About 2,000 updates between snapshots: a snapshot's cost spread thin, and a quick replay at
 * start-up. Why the ratio: a snapshot writes the whole state, so folding after a fixed number of
 * lines makes the cost of each update grow with the data (a 3 MB state costs about 60 ms to
 * serialise, a 100 MB one seconds). Folding only once the journal is as large as the snapshot
 * keeps the cost per byte written flat, and a start-up replays at most as much as it loads.
 */
export const DEFAULT_COMPACTION: CompactionLimits = {
  maxLines: 2000,
  maxBytes: 8 * 1024 * 1024,
  snapshotRatio: 1,
};

/** A change waiting for its group commit: how to undo it, and where it wrote. */
interface Pending {
  undo: () => void;
  paths: readonly (readonly string[])[];
  /** The entries it wrote into (`AppliedChange.touched`). */
  touched: readonly object[];
}

interface Files {
  state: string;
  journal: string;
}

interface Opened {
  db: Low<State>;
  adapter: StateFileAdapter;
  writer: JournalWriter;
}

async function openLow(files: Files, clock: Clock): Promise<Opened> {
  await removeLeftoverTemps(files.state);
  await removeLeftoverTemps(files.journal);
  const adapter = new StateFileAdapter(files, clock);
  const db = new Low<State>(adapter, structuredClone(emptyState()));
  await db.read();
  const { journal } = adapter;
  // A crash during an append leaves a torn last line: the load skipped it, and here it goes.
  if (journal.torn) await truncate(files.journal, journal.validLength);
  const start = { lines: journal.entries.length, bytes: journal.validLength, exists: adapter.journalExists };
  const writer = createJournalWriter({ file: files.journal, start });
  if (adapter.migratedFrom !== null && adapter.originalText !== null) {
    // Keep the file as it was before migrating, then persist the migrated state once.
    await writeFileDurably(`${files.state}.v${adapter.migratedFrom}.bak`, adapter.originalText);
    await db.write();
    await writer.reset();
  }
  return { db, adapter, writer };
}

/** The write side of an open store: each batch as a journal line or, at the threshold, a snapshot. */
function createPersistence(input: Opened & { files: Files; limits: CompactionLimits }) {
  const { db, adapter, writer, files, limits } = input;
  let lastSeq = adapter.journalSeq;
  // After a failed snapshot its rename may or may not have happened: only a new snapshot is safe.
  let snapshotNeeded = false;
  // The top-level lists as the files hold them, element by element (see ListMemory).
  let lists = new WrittenLists(db.data);

  /** Writes the whole state as of now (serialised before the first await) as including `seq`, then empties the journal. */
  const snapshot = async (seq: number) => {
    adapter.journalSeq = seq;
    snapshotNeeded = true;
    const written = new WrittenLists(db.data);
    await db.write();
    lists = written;
    snapshotNeeded = false;
    await writer.reset();
  };

  const flush = async (items: readonly Pending[]) => {
    const paths = items.flatMap((item) => item.paths);
    if (paths.length === 0) return;
    const seq = lastSeq + 1;
    const { lines, bytes } = writer.size();
    const due = lines >= limits.maxLines || bytes >= limits.maxBytes;
    if (snapshotNeeded || (due && bytes >= limits.snapshotRatio * adapter.snapshotBytes)) await snapshot(seq);
    else {
      const changed = new Set(items.flatMap((item) => item.touched));
      const ops = journalOps(db.data, paths, { indexOf: (top) => lists.indexOf(top), changed });
      const written = lists.after(db.data, ops);
      await writer.append(encodeJournalEntry({ seq, ops }));
      written();
    }
    lastSeq = seq;
  };

  const commit = createGroupCommit<Pending>({
    flush,
    // A failed write undoes every change not yet durable, newest first, so memory matches the files.
    abandon: (pending) => {
      for (let i = pending.length - 1; i >= 0; i--) pending[i]?.undo();
      adapter.serializer.reset();
    },
    toError: (cause) =>
      writeFailed('store-write-failed', snapshotNeeded ? files.state : files.journal, cause),
  });

  /** Waits for pending writes, then leaves a plain state.json holding everything, and no journal. */
  const finish = async () => {
    await commit.idle();
    if (snapshotNeeded || writer.size().lines > 0) await snapshot(lastSeq);
    await writer.remove();
  };

  return { commit, finish };
}

function storeOver(input: Opened & { files: Files; lock: DataDirLock; limits: CompactionLimits }): FileStore {
  const { db, adapter, files } = input;
  const { commit, finish } = createPersistence(input);
  let closed = false;
  return {
    file: files.state,
    journalFile: files.journal,
    read: () => db.data,
    update: async (change) => {
      if (closed) throw new StoreError('store-closed', `The store for ${files.state} is closed.`);
      const applied = applyChange(db.data, change);
      adapter.serializer.invalidate(applied.touched);
      // A change that wrote nothing still waits for pending writes: it may have read their state.
      if (applied.changed || commit.busy())
        await commit.add({ undo: applied.undo, paths: applied.paths, touched: applied.touched });
      return applied.result;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await finish();
      } catch (cause) {
        throw writeFailed('store-write-failed', files.state, cause);
      } finally {
        await input.writer.close();
        input.lock.release();
      }
    },
  };
}

/**
 * Opens the state of `<dataDir>`: the snapshot `state.json` (lowdb, one `Low` instance, read
 * once) and the journal `state.journal` of changes since. Takes the data-directory lock, loads,
 * replays, migrates and validates, or starts empty when there is nothing. Updates are serialised,
 * applied in memory at once, and acknowledged once a journal line covering them is on disk (group
 * commit: one line and one fsync per batch). Once the journal reaches `compaction` limits, the
 * next batch is written as a fresh snapshot instead, and the journal starts again; `close` does
 * the same. Changes waiting for their write are already visible to `read()`.
 */
export async function createFileStore(options: {
  dataDir: string;
  clock?: Clock;
  compaction?: Partial<CompactionLimits>;
}): Promise<FileStore> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, { clock: options.clock });
  const files = { state: join(dataDir, STATE_FILE_NAME), journal: join(dataDir, JOURNAL_FILE_NAME) };
  const limits = { ...DEFAULT_COMPACTION, ...options.compaction };
  try {
    const opened = await openLow(files, options.clock ?? systemClock);
    return storeOver({ ...opened, files, lock, limits });
  } catch (error) {
    lock.release();
    throw error;
  }
}
