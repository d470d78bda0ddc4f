import { describe, expect, it } from 'vitest';
import { applyAttempts, compactedOutbox } from '../../../src/adapters/delivery/apply-attempts.js';
import { createMemoryStore } from '../../../src/adapters/storage/memory.js';
import { queueNotice } from '../../../src/application/outbox.js';
import { message } from '../../../src/application/views/format.js';

const now = new Date('2026-03-01T09:00:00.000Z');

async function storeWithNotices(count: number) {
  const store = createMemoryStore();
  await store.update((state) => {
    for (let i = 0; i < count; i++)
      queueNotice(state, { now, target: `slack:C${i}`, view: message('info', `notice ${i}`) });
  });
  return store;
}

const delivered = (noticeId: string, target: string) => ({
  noticeId,
  target,
  cardKey: null,
  sentView: '{}',
  outcome: { ok: true as const, messageId: 'C1/1.0' },
  at: now,
});

describe('applyAttempts', () => {
  it("marks a delivered notice sent and leaves the others as they are, given the store's current state", async () => {
    const store = await storeWithNotices(3);
    const [first, second, third] = store.read().outbox;
    const applied = await store.update((state, current) =>
      applyAttempts(state, [delivered(second?.id ?? '', 'slack:C1')], current),
    );
    expect(applied.lines).toMatchObject([{ noticeId: second?.id, result: 'delivered' }]);
    const outbox = store.read().outbox;
    expect(outbox.map((n) => [n.id, n.state])).toEqual([
      [first?.id, 'queued'],
      [second?.id, 'sent'],
      [third?.id, 'queued'],
    ]);
    // The very notices, not copies: a backlog of thousands costs what changed, not its length.
    expect(outbox[0]).toBe(first);
    expect(outbox[2]).toBe(third);
  });

  it('does the same without the current state, through the change alone', async () => {
    const store = await storeWithNotices(3);
    const [first] = store.read().outbox;
    await store.update((state) => applyAttempts(state, [delivered(first?.id ?? '', 'slack:C0')]));
    expect(store.read().outbox.map((n) => n.state)).toEqual(['sent', 'queued', 'queued']);
  });

  it('drops sent notices when the outbox is compacted, and keeps the queued ones in order', async () => {
    const store = await storeWithNotices(3);
    const [first, second, third] = store.read().outbox;
    await store.update((state, current) =>
      applyAttempts(state, [delivered(second?.id ?? '', 'slack:C1')], current),
    );
    const compacted = compactedOutbox(store.read());
    expect(compacted?.map((n) => n.id)).toEqual([first?.id, third?.id]);
    expect(compactedOutbox({ ...store.read(), outbox: compacted ?? [] })).toBeNull();
  });

  it('ignores an attempt for a notice no longer in the outbox', async () => {
    const store = await storeWithNotices(2);
    const before = store.read().outbox.map((n) => n.id);
    const applied = await store.update((state, current) =>
      applyAttempts(state, [delivered('n-gone', 'slack:C9')], current),
    );
    expect(applied.lines).toEqual([]);
    expect(store.read().outbox.map((n) => n.id)).toEqual(before);
  });
});
