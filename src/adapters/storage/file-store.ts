import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import type { Store } from '../../application/ports/store.js';
import { emptyState, type State } from '../../domain/state.js';
import { applyChange } from './apply-change.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { removeLeftoverTemps, writeFileDurably } from './durable-write.js';
import { createGroupCommit } from './group-commit.js';
import { loadState } from './load-state.js';
import { createStateSerializer } from './state-serializer.js';
import { StoreError } from './store-error.js';

export const STATE_FILE_NAME = 'state.json';

/** The lowdb-backed Store, with where it keeps its data. */
export interface FileStore extends Store {
  readonly file: string;
}

/** lowdb adapter for the state file: validated, migrated reads and durable (atomic) writes. */
class StateFileAdapter implements Adapter<State> {
  migratedFrom: number | null = null;
  originalText: string | null = null;
  readonly serializer = createStateSerializer();

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

  async read(): Promise<State | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError('store-unreadable', `Cannot read ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const loaded = loadState({ file: this.file, text, now: this.clock.now() });
    this.migratedFrom = loaded.migratedFrom;
    this.originalText = text;
    return loaded.state;
  }

  /** Serialises synchronously, so the bytes written are the state as it was when the write began. */
  write(data: State): Promise<void> {
    return writeFileDurably(this.file, this.serializer.serialize(data));
  }
}

async function openLow(file: string, clock: Clock): Promise<{ db: Low<State>; adapter: StateFileAdapter }> {
  await removeLeftoverTemps(file);
  const adapter = new StateFileAdapter(file, clock);
  const db = new Low<State>(adapter, structuredClone(emptyState()));
  await db.read();
  if (adapter.migratedFrom !== null && adapter.originalText !== null) {
    // Keep the file as it was before migrating, then persist the migrated state once.
    await writeFileDurably(`${file}.v${adapter.migratedFrom}.bak`, adapter.originalText);
    await db.write();
  }
  return { db, adapter };
}

function storeOver(input: {
  db: Low<State>;
  adapter: StateFileAdapter;
  file: string;
  lock: DataDirLock;
}): FileStore {
  const { db, adapter } = input;
  let closed = false;
  const commit = createGroupCommit<() => void>({
    flush: () => db.write(),
    // A failed write undoes every change not yet durable, newest first, so memory matches the file.
    abandon: (undos) => {
      for (let i = undos.length - 1; i >= 0; i--) undos[i]?.();
      adapter.serializer.reset();
    },
    toError: (cause) =>
      new StoreError('store-write-failed', `Cannot write ${input.file}: ${(cause as Error).message}`, {
        cause,
      }),
  });
  return {
    file: input.file,
    read: () => db.data,
    update: async (change) => {
      if (closed) throw new StoreError('store-closed', `The store for ${input.file} is closed.`);
      const applied = applyChange(db.data, change);
      adapter.serializer.invalidate(applied.touched);
      // A change that wrote nothing still waits for pending writes: it may have read their state.
      if (applied.changed || commit.busy()) await commit.add(applied.undo);
      return applied.result;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await commit.idle();
      input.lock.release();
    },
  };
}

/**
 * Opens the state file `<dataDir>/state.json` (lowdb, one `Low` instance, read once): takes the
 * data-directory lock, loads, migrates and validates the file, or starts empty when there is none.
 * Updates are serialised, applied in memory at once, and acknowledged once a shared durable write
 * covers them (group commit). Changes waiting for their write are already visible to `read()`.
 */
export async function createFileStore(options: { dataDir: string; clock?: Clock }): Promise<FileStore> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, { clock: options.clock });
  const file = join(dataDir, STATE_FILE_NAME);
  try {
    const opened = await openLow(file, options.clock ?? systemClock);
    return storeOver({ ...opened, file, lock });
  } catch (error) {
    lock.release();
    throw error;
  }
}
