import { expect, it } from 'vitest';
import type { Store } from '../../../src/application/ports/store.js';
import { emptyState } from '../../../src/domain/state.js';
import { aNotice, aRequest } from './builders.js';

/**
 * What every Store promises (application/ports/store.ts), as cases any implementation runs:
 * `open` gives a fresh, empty store; the caller closes what it opened.
 */
export function storeContract(open: () => Promise<Store>): void {
  it('starts from the empty state', async () => {
    expect((await open()).read()).toEqual(emptyState());
  });

  it('lands every one of 100 concurrent increments, each change seeing the one before', async () => {
    const store = await open();
    const seen = await Promise.all(
      Array.from({ length: 100 }, () => store.update((state) => ++state.counters.request)),
    );
    expect(store.read().counters.request).toBe(100);
    expect(new Set(seen).size).toBe(100);
  });

  it('changes nothing when an update throws, and keeps working after it', async () => {
    const store = await open();
    await store.update((state) => {
      state.requests.r1 = aRequest();
      state.outbox.push(aNotice('n1'));
    });
    const failing = store.update((state) => {
      state.counters.request = 42;
      delete state.requests.r1;
      state.outbox.length = 0;
      throw new Error('a bug in a use case');
    });
    await expect(failing).rejects.toThrow('a bug in a use case');
    expect(store.read().counters.request).toBe(0);
    expect(store.read().requests.r1).toEqual(aRequest());
    expect(store.read().outbox).toEqual([aNotice('n1')]);
    await store.update((state) => {
      state.counters.notice = 3;
    });
    expect(store.read().counters.notice).toBe(3);
  });

  it('refuses a change that returns a promise, undoing what it wrote', async () => {
    const store = await open();
    const asynchronous = store.update((state) => {
      state.counters.notice = 9;
      return Promise.resolve(1);
    });
    await expect(asynchronous).rejects.toMatchObject({ code: 'change-not-sync' });
    expect(store.read().counters.notice).toBe(0);
  });

  it('gives a change that only reads the state whatever it returns', async () => {
    const store = await open();
    expect(await store.update((state) => Object.keys(state.requests).length)).toBe(0);
  });

  it('refuses updates once closed', async () => {
    const store = await open();
    await store.close();
    await expect(store.update(() => {})).rejects.toMatchObject({ code: 'store-closed' });
  });
}
