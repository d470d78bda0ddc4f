import { appendFile, mkdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CompactionLimits,
  createFileStore,
  encodeJournalEntry,
  type FileStore,
  JOURNAL_FILE_NAME,
  STATE_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import { emptyState, type State } from '../../../src/domain/state.js';
import { aRequest } from './builders.js';
import { copyAsCrashed, journalEntries, readIfAny, snapshotOf } from './durable-state.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const open: FileStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function openStore(dataDir: string, compaction?: Partial<CompactionLimits>): Promise<FileStore> {
  const store = await createFileStore({ dataDir, compaction });
  open.push(store);
  return store;
}

/** Opens the files a crash of `store` would leave right now, in a store of their own. */
async function reopenAsCrashed(store: FileStore): Promise<FileStore> {
  return openStore(await copyAsCrashed(join(store.file, '..'), await tempDir()));
}

const addRequest = (id: string) => (state: State) => {
  state.requests[id] = aRequest({ id });
  state.counters.request += 1;
};

const sequentially = async (store: FileStore, ids: readonly string[]) => {
  for (const id of ids) await store.update(addRequest(id));
};

const journalBytes = async (dataDir: string) =>
  (await readIfAny(join(dataDir, 'state.journal')))?.length ?? 0;
const ids = (count: number) => Array.from({ length: count }, (_, i) => `r${i + 1}`);

describe('createFileStore journal', () => {
  it('keeps updates across a crash through the journal alone, writing no state.json', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    await sequentially(store, ['r1', 'r2', 'r3']);
    await store.update((state) => {
      delete state.requests.r2;
      if (state.requests.r1) state.requests.r1.state = 'approved';
    });
    expect(await readIfAny(join(dataDir, STATE_FILE_NAME))).toBeNull();
    expect((await journalEntries(dataDir)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    const reopened = await reopenAsCrashed(store);
    expect(reopened.read()).toEqual(store.read());
  });

  it('writes one line per update, holding only the records it touched', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    await store.update((state) => {
      for (const id of ids(100)) state.requests[id] = aRequest({ id });
    });
    await store.update((state) => {
      if (state.requests.r7) state.requests.r7.state = 'denied';
      state.counters.request = 100;
    });
    const last = (await journalEntries(dataDir)).at(-1);
    expect(last?.ops).toEqual([
      { op: 'set', path: ['requests', 'r7'], value: aRequest({ id: 'r7', state: 'denied' }) },
      { op: 'set', path: ['counters', 'request'], value: 100 },
    ]);
  });

  it('writes a list replaced whole as the runs it kept and its new elements, and replays it', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    const notice = (id: string) => ({
      id,
      target: 'slack:C1',
      cardKey: null,
      mode: 'post' as const,
      view: { kind: 'message', text: `notice ${id} ${'x'.repeat(200)}` },
      state: 'queued' as const,
      attempts: 0,
      notBefore: '2026-01-01T00:00:00.000Z',
      lastError: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await store.update((state) => {
      for (const id of ids(50)) state.outbox.push(notice(id));
    });
    await store.update((state) => {
      const kept = state.outbox.filter((n) => n.id !== 'r10' && n.id !== 'r11');
      const changed = kept[30];
      if (changed) changed.attempts = 2;
      state.outbox = [...kept, notice('new')];
    });
    const last = (await journalEntries(dataDir)).at(-1);
    expect(last?.ops).toEqual([
      {
        op: 'list',
        path: ['outbox'],
        items: [
          [0, 9],
          [11, 32],
          { value: { ...notice('r33'), attempts: 2 } },
          [33, 50],
          { value: notice('new') },
        ],
      },
    ]);
    await store.update((state) => {
      state.outbox = state.outbox.slice(1);
    });
    const reopened = await reopenAsCrashed(store);
    expect(reopened.read()).toEqual(store.read());
    expect(reopened.read().outbox.map((n) => n.id)).toEqual([
      ...ids(50).filter((id) => !['r1', 'r10', 'r11'].includes(id)),
      'new',
    ]);
  });

  it('refuses a journal line whose list keeps elements the list does not have', async () => {
    const dataDir = await tempDir();
    await writeFile(
      join(dataDir, JOURNAL_FILE_NAME),
      encodeJournalEntry({ seq: 1, ops: [{ op: 'list', path: ['outbox'], items: [[0, 3]] }] }),
    );
    await expect(createFileStore({ dataDir })).rejects.toThrow(/line 1 cannot be applied/);
  });

  it('folds the journal into state.json once it reaches its line threshold, then starts it again', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir, { maxLines: 3, snapshotRatio: 0 });
    await sequentially(store, ids(10));
    // Lines 1-3 are appended; update 4 finds three lines and is written as a snapshot; and so on.
    expect((await snapshotOf(dataDir))?.journalSeq).toBe(8);
    expect((await journalEntries(dataDir)).map((entry) => entry.seq)).toEqual([9, 10]);
    const reopened = await reopenAsCrashed(store);
    expect(Object.keys(reopened.read().requests)).toEqual(ids(10));
    expect(reopened.read().counters.request).toBe(10);
  });

  it('does not fold a journal smaller than the last snapshot, past its line threshold', async () => {
    const dataDir = await tempDir();
    const first = await openStore(dataDir);
    await sequentially(first, ids(100));
    await first.close();
    const snapshotBytes = (await stat(join(dataDir, 'state.json'))).size;
    const closedAt = (await snapshotOf(dataDir))?.journalSeq;
    const store = await openStore(dataDir, { maxLines: 1 });
    const more = Array.from({ length: 200 }, (_, i) => `s${i + 1}`);
    let folded = -1;
    for (const [i, id] of more.entries()) {
      const before = await journalBytes(dataDir);
      await store.update(addRequest(id));
      if ((await snapshotOf(dataDir))?.journalSeq !== closedAt && folded === -1) {
        folded = i;
        // It folded on the first update that found the journal as large as the snapshot.
        expect(before).toBeGreaterThanOrEqual(snapshotBytes);
      } else if (folded === -1) expect(before).toBeLessThan(snapshotBytes);
    }
    expect(folded).toBeGreaterThan(1);
    const reopened = await reopenAsCrashed(store);
    expect(Object.keys(reopened.read().requests)).toEqual([...ids(100), ...more]);
  });

  it('folds the journal once it reaches its byte threshold', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir, { maxBytes: 1 });
    await sequentially(store, ids(3));
    expect((await snapshotOf(dataDir))?.journalSeq).toBe(2);
    expect((await journalEntries(dataDir)).map((entry) => entry.seq)).toEqual([3]);
  });

  it('keeps every update that arrives while a snapshot is being written', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir, { maxLines: 1 });
    const waves = [ids(40).slice(0, 20), ids(40).slice(20)];
    for (const wave of waves) await Promise.all(wave.map((id) => store.update(addRequest(id))));
    const reopened = await reopenAsCrashed(store);
    expect(Object.keys(reopened.read().requests).sort()).toEqual(ids(40).sort());
    expect(reopened.read().counters.request).toBe(40);
  });

  it('leaves a plain state.json holding everything, and no journal, after close', async () => {
    const dataDir = await tempDir();
    const store = await createFileStore({ dataDir });
    await sequentially(store, ids(3));
    await store.close();
    expect(await readIfAny(join(dataDir, JOURNAL_FILE_NAME))).toBeNull();
    const snapshot = await snapshotOf(dataDir);
    expect(snapshot).toMatchObject({ journalSeq: 3, counters: { request: 3 } });
    expect(Object.keys(snapshot?.requests as object)).toEqual(ids(3));
  });

  it('ignores and cuts a torn last line, then appends after the whole ones', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify({ ...emptyState(), journalSeq: 0 }));
    const whole = encodeJournalEntry({
      seq: 1,
      ops: [{ op: 'set', path: ['requests', 'r1'], value: aRequest() }],
    });
    await writeFile(join(dataDir, JOURNAL_FILE_NAME), `${whole}{"seq":2,"ops":[{"op":"set","pa`);
    const store = await openStore(dataDir);
    expect(Object.keys(store.read().requests)).toEqual(['r1']);
    expect((await stat(join(dataDir, JOURNAL_FILE_NAME))).size).toBe(Buffer.byteLength(whole));
    await store.update(addRequest('r2'));
    expect((await journalEntries(dataDir)).map((entry) => entry.seq)).toEqual([1, 2]);
    expect(Object.keys((await reopenAsCrashed(store)).read().requests)).toEqual(['r1', 'r2']);
  });

  it('ignores journal lines the snapshot already holds, and numbers new lines after the last', async () => {
    const dataDir = await tempDir();
    const snapshot = { ...emptyState(), requests: { r1: aRequest() }, journalSeq: 5 };
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify(snapshot));
    const journal = [
      { seq: 4, ops: [{ op: 'delete' as const, path: ['requests', 'r1'] }] },
      { seq: 5, ops: [{ op: 'delete' as const, path: ['requests', 'r1'] }] },
      { seq: 6, ops: [{ op: 'set' as const, path: ['requests', 'r6'], value: aRequest({ id: 'r6' }) }] },
    ];
    await writeFile(join(dataDir, JOURNAL_FILE_NAME), journal.map(encodeJournalEntry).join(''));
    const store = await openStore(dataDir);
    expect(Object.keys(store.read().requests)).toEqual(['r1', 'r6']);
    await store.update(addRequest('r7'));
    expect((await journalEntries(dataDir)).map((entry) => entry.seq)).toEqual([4, 5, 6, 7]);
  });

  it('refuses a journal line that breaks the schema, naming the journal, and frees the lock', async () => {
    const dataDir = await tempDir();
    const bad = {
      seq: 1,
      ops: [{ op: 'set', path: ['requests', 'r1'], value: { ...aRequest(), state: 'maybe' } }],
    };
    const file = join(dataDir, JOURNAL_FILE_NAME);
    await writeFile(file, `${JSON.stringify(bad)}\n`);
    const failure = createFileStore({ dataDir });
    await expect(failure).rejects.toMatchObject({ code: 'store-invalid' });
    const { message } = (await failure.catch((error: Error) => error)) as Error;
    expect(message).toContain(`Cannot load ${file}: line 1 (sequence number 1) makes the state invalid`);
    expect(message).toContain('requests.r1.state');
    expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify(bad)}\n`);
    await writeFile(file, '');
    await (await createFileStore({ dataDir })).close();
  });

  it('rolls back a batch whose snapshot fails, and writes a full snapshot next', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir, { maxLines: 1 });
    await store.update(addRequest('r1'));
    // A directory in the way makes the snapshot's rename fail.
    await mkdir(join(dataDir, STATE_FILE_NAME));
    await expect(store.update(addRequest('r2'))).rejects.toMatchObject({
      code: 'store-write-failed',
      message: expect.stringContaining(STATE_FILE_NAME),
    });
    expect(Object.keys(store.read().requests)).toEqual(['r1']);
    await rmdir(join(dataDir, STATE_FILE_NAME));
    await store.update(addRequest('r3'));
    expect((await snapshotOf(dataDir))?.journalSeq).toBe(2);
    expect(Object.keys((await reopenAsCrashed(store)).read().requests)).toEqual(['r1', 'r3']);
  });

  it('appends after a journal left by a crash of a store that never wrote a snapshot', async () => {
    const dataDir = await tempDir();
    const line = encodeJournalEntry({ seq: 1, ops: [{ op: 'set', path: ['counters', 'notice'], value: 4 }] });
    await appendFile(join(dataDir, JOURNAL_FILE_NAME), line);
    const store = await openStore(dataDir);
    expect(store.read().counters.notice).toBe(4);
    await store.update((state) => {
      state.counters.notice += 1;
    });
    expect((await reopenAsCrashed(store)).read().counters.notice).toBe(5);
  });
});
