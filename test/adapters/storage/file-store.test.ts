import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFileStore,
  type FileStore,
  JOURNAL_FILE_NAME,
  STATE_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import { emptyState } from '../../../src/domain/state.js';
import { aRequest } from './builders.js';
import { durableState, readIfAny } from './durable-state.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const open: FileStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function openStore(dataDir: string): Promise<FileStore> {
  const store = await createFileStore({ dataDir });
  open.push(store);
  return store;
}

const stateOnDisk = durableState;

/** The bytes of both state files, to show that something wrote nothing. */
const filesOf = async (dataDir: string) => ({
  snapshot: await readIfAny(join(dataDir, STATE_FILE_NAME)),
  journal: await readIfAny(join(dataDir, JOURNAL_FILE_NAME)),
});

describe('createFileStore', () => {
  it('starts from the empty state when the data directory has no file', async () => {
    const store = await openStore(join(await tempDir(), 'not-yet-created'));
    expect(store.read()).toEqual(emptyState());
  });

  it('lands every one of 100 concurrent increments, in memory and on disk', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    const seen = await Promise.all(
      Array.from({ length: 100 }, () => store.update((state) => ++state.counters.request)),
    );
    expect(store.read().counters.request).toBe(100);
    expect(new Set(seen).size).toBe(100); // each change saw the one before it
    expect((await stateOnDisk(dataDir)).counters.request).toBe(100);
  });

  it('resolves an update only once its change is on disk', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    await store.update((state) => {
      state.requests.r1 = aRequest();
    });
    expect((await stateOnDisk(dataDir)).requests.r1).toEqual(aRequest());
  });

  it('changes nothing in memory or on disk when an update throws', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    await store.update((state) => {
      state.requests.r1 = aRequest();
    });
    const before = await filesOf(dataDir);
    const failing = store.update((state) => {
      state.counters.request = 42;
      delete state.requests.r1;
      state.outbox.length = 0;
      throw new Error('a bug in a use case');
    });
    await expect(failing).rejects.toThrow('a bug in a use case');
    expect(store.read().counters.request).toBe(0);
    expect(store.read().requests.r1).toEqual(aRequest());
    expect(await filesOf(dataDir)).toEqual(before);
  });

  it('keeps working after an update throws', async () => {
    const store = await openStore(await tempDir());
    await expect(store.update(() => Promise.reject(new Error('async')))).rejects.toMatchObject({
      code: 'change-not-sync',
    });
    await store.update((state) => {
      state.counters.notice = 3;
    });
    expect(store.read().counters.notice).toBe(3);
  });

  it('keeps its data across close and reopen', async () => {
    const dataDir = await tempDir();
    const first = await createFileStore({ dataDir });
    await first.update((state) => {
      state.requests.r1 = aRequest({ state: 'approved' });
      state.counters.request = 1;
    });
    await first.close();
    const second = await openStore(dataDir);
    expect(second.read().requests.r1?.state).toBe('approved');
    expect(second.read().counters.request).toBe(1);
  });

  it('writes pending changes before close resolves, and refuses updates after it', async () => {
    const dataDir = await tempDir();
    const store = await createFileStore({ dataDir });
    const pending = store.update((state) => {
      state.counters.notice = 7;
    });
    await store.close();
    await pending;
    expect((await stateOnDisk(dataDir)).counters.notice).toBe(7);
    await expect(store.update(() => {})).rejects.toMatchObject({ code: 'store-closed' });
  });

  it('rolls back and rejects changes whose write fails, so memory matches the file', async () => {
    const dataDir = await tempDir();
    const store = await createFileStore({ dataDir });
    await store.update((state) => {
      state.counters.request = 1;
    });
    // Removing the directory makes the next write fail.
    await rm(dataDir, { recursive: true, force: true });
    const results = await Promise.allSettled([
      store.update((state) => {
        state.counters.request = 2;
      }),
      store.update((state) => {
        state.counters.request += 10;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results[0]).toMatchObject({ reason: { code: 'store-write-failed' } });
    expect(store.read().counters.request).toBe(1);
    // Its last snapshot fails too, and says so; the lock is released all the same.
    await expect(store.close()).rejects.toMatchObject({ code: 'store-write-failed' });
  });

  it('removes temporary files a crash left behind', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, `${STATE_FILE_NAME}.999.1.tmp`), '{"half');
    await writeFile(join(dataDir, `${JOURNAL_FILE_NAME}.999.2.tmp`), '{"half');
    await openStore(dataDir);
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('gives a change that only reads the state whatever it returns', async () => {
    const store = await openStore(await tempDir());
    expect(await store.update((state) => Object.keys(state.requests).length)).toBe(0);
  });
});
