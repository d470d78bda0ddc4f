import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore, STATE_FILE_NAME } from '../../../src/adapters/storage/index.js';
import { State } from '../../../src/domain/state.js';
import { crash, startStoreProcess } from './store-process.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const ROUNDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The highest counter the process reported as durable before it died. */
const lastDurable = (lines: readonly string[]) =>
  Math.max(
    0,
    ...lines.filter((l) => l.startsWith('durable ')).map((l) => Number(l.slice('durable '.length))),
  );

describe('a store process killed in the middle of writing', () => {
  it('always leaves a complete, valid file holding every acknowledged change', {
    timeout: 90_000,
  }, async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, STATE_FILE_NAME);
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const writer = startStoreProcess({ dataDir, mode: 'write-loop' });
      // Wait for a few writes of the ~1 MB file, then kill it at a random moment.
      await writer.lineMatching((line) => line.startsWith('durable '));
      await sleep(Math.random() * 150);
      await crash(writer);
      acknowledged = Math.max(acknowledged, lastDurable(writer.lines));

      const onDisk = State.safeParse(JSON.parse(await readFile(file, 'utf8')));
      expect(onDisk.success).toBe(true);
      expect(onDisk.data?.counters.request).toBeGreaterThanOrEqual(acknowledged);
      expect(Object.keys(onDisk.data?.requests ?? {})).toHaveLength(3000);
    }
    expect(acknowledged).toBeGreaterThan(0);

    const store = await createFileStore({ dataDir });
    expect(store.read().counters.request).toBeGreaterThanOrEqual(acknowledged);
    await store.close();
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
