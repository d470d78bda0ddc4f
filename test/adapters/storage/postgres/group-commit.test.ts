import { describe, expect, it } from 'vitest';
import type { PostgresStore } from '../../../../src/adapters/storage/postgres/postgres-store.js';
import { writeFailureOf } from '../../../../src/application/ports/store.js';
import type { State } from '../../../../src/domain/state.js';
import { aNotice, aRequest } from '../builders.js';
import { useReplicaStores } from './replica-stores.js';

// Group commit in the PostgreSQL store: updates queued behind a transaction share the next one.
const { sql, openReplica } = useReplicaStores();

/** Transactions that wrote `changes` rows: each row carries the id of the transaction that inserted it. */
async function writingTransactions(): Promise<number> {
  const [row] = await sql<{ n: string }>('SELECT count(DISTINCT xmin::text) AS n FROM changes');
  return Number(row?.n);
}

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('createPostgresStore: group commit', () => {
  it('lets many concurrent updates share a few transactions, each caller getting its own result, all durable after a restart', async () => {
    const store = await openReplica({ listen: false });
    const results: Promise<number>[] = [];
    for (let i = 0; i < 120; i++) {
      results.push(
        store.update((state) => {
          state.sentKeys[`k${i}`] = 'at';
          state.counters.notice += 1;
          // Each change sees the ones queued before it, as serialised updates do.
          return state.counters.notice;
        }),
      );
      // Some arrive while a transaction is in flight, not all in one tick.
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    }

    expect(await Promise.all(results)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const transactions = await writingTransactions();
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(12);
    // One `changes` row per row a transaction touched: the 120 keys, and `counters` once per transaction.
    const [changes] = await sql<{ n: string }>('SELECT count(*) AS n FROM changes');
    expect(Number(changes?.n)).toBe(120 + transactions);
    await store.close();

    const again = await openReplica({ listen: false });
    expect(Object.keys(again.read().sentKeys)).toHaveLength(120);
    expect(again.read().counters.notice).toBe(120);
    expect(again.read()).toEqual(store.read());
  });

  it('rejects only the change that throws or cannot be stored; the rest of its batch commits', async () => {
    const store = await openReplica({ listen: false });
    await store.update((state) => {
      state.counters.request = 1;
    });
    const before = await writingTransactions();

    const [first, throwing, invalid, last] = await Promise.all([
      settle(
        store.update((state) => {
          state.requests.r1 = aRequest();
          state.outbox.push(aNotice('n1'));
          return 'first';
        }),
      ),
      settle(
        store.update((state) => {
          state.requests.r2 = aRequest({ id: 'r2' });
          state.counters.request = 99;
          delete state.requests.r1;
          throw new Error('a bug in a use case');
        }),
      ),
      settle(
        store.update((state) => {
          state.outbox.push({ target: 'x' } as unknown as State['outbox'][number]);
          state.sentKeys.invalid = 'at';
        }),
      ),
      settle(
        store.update((state) => {
          state.sentKeys.last = 'at';
          state.outbox.push(aNotice('n2'));
          return { r1: state.requests.r1?.id, r2: state.requests.r2, counter: state.counters.request };
        }),
      ),
    ]);

    expect(first).toEqual({ ok: true, value: 'first' });
    expect(throwing).toMatchObject({ ok: false, error: { message: 'a bug in a use case' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'store-invalid' } });
    // The last change ran on the state the failed ones left untouched.
    expect(last).toEqual({ ok: true, value: { r1: 'r1', r2: undefined, counter: 1 } });
    expect(await writingTransactions()).toBe(before + 1);
    expect((await sql('SELECT key FROM requests ORDER BY key')).map((r) => r.key)).toEqual(['r1']);
    expect((await sql('SELECT key FROM sent_keys ORDER BY key')).map((r) => r.key)).toEqual(['last']);
    expect((await sql('SELECT id FROM outbox ORDER BY position')).map((r) => r.id)).toEqual(['n1', 'n2']);
    const [counters] = await sql<{ doc: { request: number } }>(
      "SELECT doc FROM singletons WHERE name = 'counters'",
    );
    expect(counters?.doc.request).toBe(1);
    await store.close();
    const again = await openReplica({ listen: false });
    expect(again.read()).toEqual(store.read());
  });

  it('rejects every change of a batch whose transaction fails, and leaves memory equal to the database', async () => {
    const store = await openReplica({ listen: false });
    await store.update((state) => {
      state.counters.request = 1;
      state.outbox.push(aNotice('n0'));
    });
    const before = structuredClone(store.read());
    await sql(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$`);
    await sql('CREATE TRIGGER refuse BEFORE INSERT ON requests FOR EACH ROW EXECUTE FUNCTION refuse()');

    const outcomes = await Promise.all([
      settle(
        store.update((state) => {
          state.counters.request += 1;
          state.outbox.shift();
        }),
      ),
      settle(
        store.update((state) => {
          state.requests.r1 = aRequest();
        }),
      ),
      settle(
        store.update((state) => {
          state.sentKeys.k = 'at';
          state.counters.request += 1;
          state.outbox.push(aNotice('n1'));
        }),
      ),
    ]);

    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      const error = outcome.ok ? null : outcome.error;
      expect(error).toMatchObject({ code: 'store-write-failed' });
      expect(writeFailureOf(error)).toBe('disk-full');
    }
    expect(store.read()).toEqual(before);
    const fresh = await openReplica({ listen: false });
    expect(fresh.read()).toEqual(store.read());

    // Once the database takes writes again, the store carries on from the state it kept.
    await sql('DROP TRIGGER refuse ON requests');
    await Promise.all([
      store.update((state) => {
        state.requests.r1 = aRequest();
      }),
      store.update((state) => {
        state.outbox.push(aNotice('n1'));
      }),
    ]);
    await fresh.refresh();
    expect(fresh.read()).toEqual(store.read());
    expect(store.read().outbox.map((n) => n.id)).toEqual(['n0', 'n1']);
  });

  it('rejects the whole batch when the connection dies mid-write, and undoes it in memory', async () => {
    const store = await openReplica({ listen: false });
    await sql(`CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
    await sql('CREATE TRIGGER die BEFORE INSERT ON requests FOR EACH ROW EXECUTE FUNCTION die()');

    const outcomes = await Promise.all([
      settle(
        store.update((state) => {
          state.sentKeys.a = 'at';
        }),
      ),
      settle(
        store.update((state) => {
          state.requests.r1 = aRequest();
        }),
      ),
    ]);

    for (const outcome of outcomes)
      expect(writeFailureOf(outcome.ok ? null : outcome.error)).toBe('database-unreachable');
    expect(store.read().sentKeys).toEqual({});
    expect(store.read().requests).toEqual({});
    expect(await sql('SELECT key FROM sent_keys')).toEqual([]);
  });

  it('keeps both replicas’ concurrent batches, and the first decision wins across and within batches', async () => {
    const a = await openReplica({ listen: false });
    const b = await openReplica({ listen: false });
    await a.update((state) => {
      state.requests.r1 = aRequest();
    });
    await b.refresh();

    const decide = (store: PostgresStore, by: string, to: 'approved' | 'denied') =>
      store.update((state) => {
        const request = state.requests.r1;
        if (request?.state !== 'open') return 'already-decided';
        request.state = to;
        request.decision = { by, at: '2024-05-02T10:00:00.000Z', scope: null, reason: null };
        return by;
      });
    const bump = (store: PostgresStore, key: string) =>
      store.update((state) => {
        state.counters.request += 1;
        state.sentKeys[key] = 'at';
      });
    const [aFirst, aSecond, bFirst, bSecond] = await Promise.all([
      decide(a, 'slack:A1', 'approved'),
      decide(a, 'slack:A2', 'denied'),
      decide(b, 'slack:B1', 'denied'),
      decide(b, 'slack:B2', 'approved'),
      ...Array.from({ length: 15 }, (_, i) => bump(a, `a${i}`)),
      ...Array.from({ length: 15 }, (_, i) => bump(b, `b${i}`)),
    ]);

    const winners = [aFirst, aSecond, bFirst, bSecond].filter((o) => o !== 'already-decided');
    expect(winners).toHaveLength(1);
    // The second decision of each batch saw the first one's, whichever replica went first.
    expect([aSecond, bSecond]).toEqual(['already-decided', 'already-decided']);
    await a.refresh();
    await b.refresh();
    expect(a.read()).toEqual(b.read());
    expect(a.read().counters.request).toBe(30);
    expect(Object.keys(a.read().sentKeys)).toHaveLength(30);
    expect(a.read().requests.r1?.decision?.by).toBe(winners[0]);
    const [row] = await sql<{ doc: State['requests'][string] }>("SELECT doc FROM requests WHERE key = 'r1'");
    expect(row?.doc.decision?.by).toBe(winners[0]);
  });
});
