import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/storage/memory.js';
import { createEventOnce } from '../../src/application/event-once.js';
import { systemClock } from '../../src/application/ports/clock.js';
import type { Store } from '../../src/application/ports/store.js';
import { aCore } from '../fakes/core.js';

/** A memory store that counts its writes. */
function countingStore(): Store & { writes: number } {
  const inner = createMemoryStore();
  const store = {
    writes: 0,
    read: () => inner.read(),
    close: () => inner.close(),
    update: <T>(change: Parameters<Store['update']>[0]) => {
      store.writes += 1;
      return inner.update(change) as Promise<T>;
    },
  };
  return store as Store & { writes: number };
}

describe('engine.once', () => {
  it('runs the work of an inbound event id once, whatever retries follow', async () => {
    const core = await aCore();
    let runs = 0;
    const work = async () => {
      runs += 1;
    };
    expect(await core.engine.once('slack:Ev1', work)).toBe(true);
    expect(await core.engine.once('slack:Ev1', work)).toBe(false);
    expect(await core.engine.once('slack:Ev2', work)).toBe(true);
    expect(runs).toBe(2);
  });

  it('drops a retry that arrives while the first delivery is still being handled', async () => {
    const core = await aCore();
    let release = () => {};
    // Released whenever the test says, even before the work has started (on PostgreSQL the event
    // id is taken in the database first).
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = core.engine.once('slack:Ev1', () => gate);
    expect(await core.engine.once('slack:Ev1', async () => {})).toBe(false);
    release();
    expect(await first).toBe(true);
  });
});

describe('createEventOnce', () => {
  it('ends quietly, changing nothing, when another process on the same store handled the event meanwhile', async () => {
    // Two replicas on one shared store: each knows only the events it has in flight itself.
    const store = countingStore();
    const a = createEventOnce({ store, clock: systemClock });
    const b = createEventOnce({ store, clock: systemClock });
    let go = () => {};
    const gate = new Promise<void>((resolve) => (go = resolve));
    const after: string[] = [];
    const retried = b.once('slack:Ev1', async (event) => {
      await gate;
      await b.storeFor(event).update((state) => {
        state.counters.request += 10;
      });
      after.push('b answered');
    });
    const first = a.once('slack:Ev1', async (event) => {
      await a.storeFor(event).update((state) => {
        state.counters.request += 1;
      });
      after.push('a answered');
    });
    expect(await first).toBe(true);
    go();
    expect(await retried).toBe(false);
    expect(after).toEqual(['a answered']);
    expect(store.read().counters.request).toBe(1);
    // Another event's writes on the second replica go on as before.
    expect(
      await b.once('slack:Ev2', async (event) => {
        await b.storeFor(event).update((state) => {
          state.counters.request += 1;
        });
      }),
    ).toBe(true);
    expect(store.read().counters.request).toBe(2);
  });

  it('does not run an event another process sharing the store took first, even one that changes nothing', async () => {
    const inner = createMemoryStore();
    const taken = new Set<string>();
    // Two processes on one shared store: the store says which process took each inbound event first.
    const shared = (): Store => ({
      read: () => inner.read(),
      close: () => inner.close(),
      update: (change) => inner.update(change),
      takeEvent: async (id) => {
        if (taken.has(id)) return false;
        taken.add(id);
        return true;
      },
    });
    const a = createEventOnce({ store: shared(), clock: systemClock });
    const b = createEventOnce({ store: shared(), clock: systemClock });
    let runs = 0;
    const work = async () => {
      runs += 1;
    };
    expect(await a.once('slack:Ev1', work)).toBe(true);
    expect(await b.once('slack:Ev1', work)).toBe(false);
    expect(await b.once('slack:Ev2', work)).toBe(true);
    expect(await a.once('slack:Ev2', work)).toBe(false);
    expect(runs).toBe(2);
    // Nothing was written for events that changed nothing.
    expect(inner.read().seenEvents).toEqual({});
  });

  it('records the id in the same write as the change the event makes', async () => {
    const store = countingStore();
    const events = createEventOnce({ store, clock: systemClock });
    await events.once('slack:Ev1', async (event) => {
      await events.storeFor(event).update((state) => {
        state.counters.request += 1;
      });
    });
    expect(store.writes).toBe(1);
    expect(store.read().counters.request).toBe(1);
    expect(store.read().seenEvents['slack:Ev1']).toBeDefined();
  });

  it('does not record an event in the writes of other work running meanwhile', async () => {
    const store = countingStore();
    const events = createEventOnce({ store, clock: systemClock });
    let release = () => {};
    const slow = events.once('slack:Ev1', () => new Promise<void>((resolve) => (release = resolve)));
    await events.store.update((state) => {
      state.counters.request += 1;
    });
    // A crash now must not make a retry of Ev1 look handled: it has changed nothing yet.
    expect(store.read().seenEvents['slack:Ev1']).toBeUndefined();
    release();
    expect(await slow).toBe(true);
  });

  it('writes nothing for an event that changes nothing, and takes its id along with the next write', async () => {
    const store = countingStore();
    const events = createEventOnce({ store, clock: systemClock });
    expect(await events.once('slack:Ev1', async () => {})).toBe(true);
    expect(store.writes).toBe(0);
    expect(await events.once('slack:Ev1', async () => {})).toBe(false);
    await events.store.update((state) => {
      state.counters.notice += 1;
    });
    expect(store.writes).toBe(1);
    expect(store.read().seenEvents['slack:Ev1']).toBeDefined();
  });

  it('keeps the record bounded, forgetting the oldest ids in batches', async () => {
    const store = countingStore();
    const events = createEventOnce({ store, clock: systemClock });
    for (let i = 0; i < 6000; i++) await events.once(`slack:Ev${i}`, async () => {});
    // Ids of events that changed nothing are written a batch at a time, not one write each.
    expect(store.writes).toBeLessThanOrEqual(12);
    const kept = Object.keys(store.read().seenEvents);
    expect(kept.length).toBeLessThanOrEqual(5500);
    expect(kept.length).toBeGreaterThanOrEqual(5000);
    expect(kept).toContain('slack:Ev5999');
    expect(kept).not.toContain('slack:Ev0');
    expect(await events.once('slack:Ev5990', async () => {})).toBe(false);
  });
});
