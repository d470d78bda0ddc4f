import { describe, expect, it, vi } from 'vitest';
import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import { createFileStore, type FileStore } from '../../../src/adapters/storage/index.js';
import { queueNotice } from '../../../src/application/outbox.js';
import type { Store } from '../../../src/application/ports/store.js';
import { message } from '../../../src/application/views/format.js';
import { fixedClock } from '../../fakes/clock.js';
import { createDiskStore } from '../../fakes/deadline-store.js';
import { useDiskFaults } from '../storage/fault.js';
import { useTempDirs } from '../storage/temp-dir.js';
import { createFakeSender, type FakeSender } from './fake-sender.js';

const T0 = '2026-03-01T09:00:00.000Z';
const tempDir = useTempDirs();
const faults = useDiskFaults(tempDir);

async function queue(store: Store, texts: string[], target = 'slack:C1'): Promise<void> {
  for (const text of texts)
    await store.update((s) => queueNotice(s, { now: new Date(T0), target, view: message('info', text) }));
}

function workerOver(store: Store, slack: FakeSender) {
  const clock = fixedClock(T0);
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const worker = createDeliveryWorker({
    store,
    senders: { slack },
    clock,
    logger,
    onGone: async () => {},
    sleep: async (ms) => clock.advance(ms),
  });
  return { worker, clock, logger };
}

const texts = (slack: FakeSender) => slack.sent.map((m) => (m.view as { text?: string }).text);

describe('delivery on a failing disk (docs/product.md#safety-and-data)', () => {
  it('does not post again a notice whose result could not be saved, and saves it once the disk recovers', async () => {
    const dataDir = await tempDir();
    const store: FileStore = await createFileStore({ dataDir });
    try {
      await queue(store, ['one', 'two']);
      const slack = createFakeSender();
      const { worker, clock, logger } = workerOver(store, slack);
      await faults.set('ENOSPC state');
      await worker.runOnce();
      for (let run = 0; run < 10; run++) {
        clock.advance(1_000);
        const report = await worker.runOnce();
        expect(report.attempted).toBe(0);
      }
      // The first result failed to save: the second notice was held back, and nothing was repeated.
      expect(texts(slack)).toEqual(['one']);
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error.mock.calls[0]?.[1]).toMatchObject({ reason: 'disk-full' });
      expect(store.read().outbox.map((n) => n.state)).toEqual(['queued', 'queued']);

      await faults.clear();
      clock.advance(60_000);
      const report = await worker.runOnce();
      expect(report.delivered).toBe(2);
      expect(texts(slack)).toEqual(['one', 'two']);
      expect(store.read().outbox).toEqual([]);
      expect(logger.info).toHaveBeenCalledWith('delivery resumed: saved results held back', {
        results: 1,
        failures: expect.any(Number),
      });
      expect(logger.error).toHaveBeenCalledTimes(1);
    } finally {
      await faults.clear();
      await store.close();
    }
  });

  it('backs off between tries to save held-back results, and says when it tries next', async () => {
    const dataDir = await tempDir();
    const store = await createFileStore({ dataDir });
    try {
      await queue(store, ['one']);
      const { worker, clock } = workerOver(store, createFakeSender());
      await faults.set('EROFS state');
      const first = await worker.runOnce();
      expect(first.nextDueAt).toBe('2026-03-01T09:00:01.000Z');
      clock.advance(1_000);
      const second = await worker.runOnce();
      expect(Date.parse(second.nextDueAt ?? '')).toBe(clock.now().getTime() + 2_000);
    } finally {
      await faults.clear();
      await store.close();
    }
  });
});

describe('delivery across a crash in a long rate-limited run', () => {
  it('re-sends after the crash only the notice that was in flight', async () => {
    const before = createDiskStore();
    await queue(before, ['n1', 'n2', 'n3', 'n4', 'n5']);
    const slackBefore = createFakeSender();
    let diskAtCrash: string | null = null;
    const post = slackBefore.post;
    slackBefore.post = async (input) => {
      // The process dies while the fourth post is on its way: only what reached the disk survives.
      if (slackBefore.calls === 3) diskAtCrash ??= before.disk();
      return post(input);
    };
    await workerOver(before, slackBefore).worker.runOnce();
    expect(texts(slackBefore)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);

    const slack = createFakeSender();
    await workerOver(createDiskStore(diskAtCrash ?? ''), slack).worker.runOnce();
    expect(texts(slack)).toEqual(['n4', 'n5']);
  });
});
