import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../../src/adapters/storage/index.js';
import type { State } from '../../../src/domain/state.js';
import { durableState, journalEntries, snapshotOf } from './durable-state.js';
import { crash, startStoreProcess } from './store-process.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const ROUNDS = 12;
const REQUESTS = 3000;
/** Every other round compacts after three journal lines, so most kills land in a snapshot write. */
const TINY_THRESHOLD = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The highest counter the process reported as durable before it died. */
const lastDurable = (lines: readonly string[]) =>
  Math.max(
    0,
    ...lines.filter((l) => l.startsWith('durable ')).map((l) => Number(l.slice('durable '.length))),
  );

/** The request states the writer's updates 1..counter leave: update n flips request r<n % 3000>. */
function expectedStates(counter: number): Record<string, string> {
  const flips = new Array<number>(REQUESTS).fill(0);
  for (let n = 1; n <= counter; n++) flips[n % REQUESTS] = (flips[n % REQUESTS] ?? 0) + 1;
  return Object.fromEntries(flips.map((count, i) => [`r${i}`, count % 2 === 1 ? 'approved' : 'open']));
}

const statesOf = (state: State) =>
  Object.fromEntries(Object.values(state.requests).map((request) => [request.id, request.state]));

describe('a store process killed in the middle of writing', () => {
  it('always leaves files that load whole, holding every acknowledged change and no torn one', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await tempDir();
    let acknowledged = 0;
    let compactions = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const maxLines = round % 2 === 1 ? TINY_THRESHOLD : undefined;
      const writer = startStoreProcess({ dataDir, mode: 'write-loop', maxLines });
      // Wait for a few writes, then kill it at a random moment: in a journal append, or in a ~1 MB snapshot.
      await writer.lineMatching((line) => line.startsWith('durable '));
      await sleep(Math.random() * 150);
      await crash(writer);
      acknowledged = Math.max(acknowledged, lastDurable(writer.lines));

      // durableState throws unless the snapshot and journal load and validate.
      const onDisk = await durableState(dataDir);
      expect(onDisk.counters.request).toBeGreaterThanOrEqual(acknowledged);
      // Whole updates only: every request is as the updates up to the counter leave it.
      expect(statesOf(onDisk)).toEqual(expectedStates(onDisk.counters.request));
      if (maxLines !== undefined && Number((await snapshotOf(dataDir))?.journalSeq) > 0) compactions++;
    }
    expect(acknowledged).toBeGreaterThan(0);
    expect(compactions).toBeGreaterThan(0);

    const store = await createFileStore({ dataDir });
    expect(store.read().counters.request).toBeGreaterThanOrEqual(acknowledged);
    expect(statesOf(store.read())).toEqual(expectedStates(store.read().counters.request));
    await store.close();
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await journalEntries(dataDir)).toEqual([]);
  });
});
