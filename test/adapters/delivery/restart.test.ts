import { describe, expect, it, vi } from 'vitest';
import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import { queueNotice } from '../../../src/application/outbox.js';
import type { Logger } from '../../../src/application/ports/logger.js';
import type { Store } from '../../../src/application/ports/store.js';
import { message } from '../../../src/application/views/format.js';
import { fixedClock } from '../../fakes/clock.js';
import { createDiskStore } from '../../fakes/deadline-store.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { createFakeSender } from './fake-sender.js';

const T0 = '2026-03-01T09:00:00.000Z';

function workerOver(store: Store, slack = createFakeSender(), logger: Logger = silentLogger) {
  const clock = fixedClock(T0);
  return createDeliveryWorker({
    store,
    senders: { slack },
    clock,
    logger,
    onGone: async () => {},
    sleep: async (ms) => clock.advance(ms),
  });
}

describe('delivery across a crash', () => {
  it('sends a notice queued just before a crash exactly once after the restart', async () => {
    const before = createDiskStore();
    const slackBefore = createFakeSender();
    workerOver(before, slackBefore);
    await before.update((s) =>
      queueNotice(s, { now: new Date(T0), target: 'slack:C1', view: message('info', 'kept') }),
    );
    // The process dies here: nothing was sent, and only what reached the disk survives.
    const after = createDiskStore(before.disk());
    const slack = createFakeSender();
    const worker = workerOver(after, slack);
    await worker.runOnce();
    await worker.runOnce();
    const restartedAgain = workerOver(createDiskStore(after.disk()), slack);
    await restartedAgain.runOnce();
    expect(slackBefore.sent).toEqual([]);
    expect(slack.sent.map((m) => m.view)).toEqual([message('info', 'kept')]);
  });
});

describe('DeliveryWorker.start', () => {
  it('keeps running after a result could not be saved, and saves it later without sending again', async () => {
    const store = createDiskStore();
    await store.update((s) =>
      queueNotice(s, { now: new Date(T0), target: 'slack:C1', view: message('info', 'x') }),
    );
    const update = store.update;
    let failures = 1;
    store.update = (change) => (failures-- > 0 ? Promise.reject(new Error('disk full')) : update(change));
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const slack = createFakeSender();
    const clock = fixedClock(T0);
    const worker = createDeliveryWorker({ store, senders: { slack }, clock, logger, onGone: async () => {} });
    worker.start(1);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(1));
    clock.advance(1_000);
    await vi.waitFor(() => expect(store.read().outbox).toEqual([]));
    await worker.stop();
    expect(logger.error.mock.calls[0]?.[1]).toMatchObject({ error: 'disk full' });
    expect(slack.sent.length).toBe(1);
  });

  it('serialises runs so that two callers never send the same notice twice', async () => {
    const store = createDiskStore();
    await store.update((s) =>
      queueNotice(s, { now: new Date(T0), target: 'slack:C1', view: message('info', 'x') }),
    );
    const slack = createFakeSender();
    const worker = workerOver(store, slack);
    await Promise.all([worker.runOnce(), worker.runOnce(), worker.idle()]);
    expect(slack.sent).toHaveLength(1);
  });
});
