import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog, createMemoryStore } from '../../../src/adapters/storage/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import { emptyState, type State } from '../../../src/domain/state.js';
import { anAuditEntry, aRequest } from './builders.js';

describe('createMemoryStore', () => {
  it('starts from the empty state, or from a copy of the one given', () => {
    expect(createMemoryStore().read()).toEqual(emptyState());
    const initial = { ...emptyState(), requests: { r1: aRequest() } };
    const store = createMemoryStore(initial);
    expect(store.read().requests.r1).toEqual(aRequest());
    expect(store.read()).not.toBe(initial);
  });

  it('lands every one of 100 concurrent increments', async () => {
    const store = createMemoryStore();
    await Promise.all(Array.from({ length: 100 }, () => store.update((s) => ++s.counters.request)));
    expect(store.read().counters.request).toBe(100);
  });

  it('changes nothing when an update throws', async () => {
    const store = createMemoryStore({ ...emptyState(), requests: { r1: aRequest() } });
    await expect(
      store.update((state) => {
        delete state.requests.r1;
        state.counters.request = 5;
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect(store.read().requests.r1).toEqual(aRequest());
    expect(store.read().counters.request).toBe(0);
  });

  it('refuses an initial state that breaks the schema', () => {
    const bad = { ...emptyState(), counters: { request: -1, notice: 0 } } as State;
    expect(() => createMemoryStore(bad)).toThrow(expect.objectContaining({ code: 'store-invalid' }));
  });

  it('refuses updates once closed', async () => {
    const store = createMemoryStore();
    await store.close();
    await expect(store.update(() => {})).rejects.toMatchObject({ code: 'store-closed' });
  });
});

describe('createMemoryAuditLog', () => {
  const all = async (entries: AsyncIterable<AuditEntry>) => {
    const out: AuditEntry[] = [];
    for await (const entry of entries) out.push(entry);
    return out;
  };

  it('reads back appended entries, filters by integration, and keeps the newest per integration', async () => {
    const log = createMemoryAuditLog();
    const first = anAuditEntry({ details: 'first' });
    const other = anAuditEntry({ integrationId: 'trello' });
    const second = anAuditEntry({ details: 'second' });
    await log.append([first, other]);
    await log.append([second, anAuditEntry({ integrationId: null })]);
    expect(await all(log.read({ integrationId: 'jira' }))).toEqual([first, second]);
    expect((await all(log.read())).length).toBe(4);
    expect(Object.fromEntries(log.latestByIntegration())).toEqual({ jira: second, trello: other });
  });

  it('refuses a batch holding an invalid entry and keeps none of it', async () => {
    const log = createMemoryAuditLog();
    const bad = { ...anAuditEntry(), at: null } as unknown as AuditEntry;
    await expect(log.append([anAuditEntry(), bad])).rejects.toMatchObject({ code: 'audit-invalid' });
    expect(log.entries).toEqual([]);
  });
});
