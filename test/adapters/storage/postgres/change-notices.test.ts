import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import { createPostgresAuditLog } from '../../../../src/adapters/storage/postgres/postgres-audit-log.js';
import { CHANGES_CHANNEL } from '../../../../src/adapters/storage/postgres/postgres-store.js';
import { aNotice, aRequest } from '../builders.js';
import { useReplicaStores } from './replica-stores.js';

const { sql, openReplica, database, cleanup } = useReplicaStores();

/** A pool on the migrated test database that counts the connections the store borrows and the queries it sends on them. */
async function countingPool() {
  const pool = createPostgresPool({ url: database().url, max: 3 });
  cleanup(() => pool.end());
  await runMigrations({ pool });
  const counts = { connects: 0, queries: 0 };
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | undefined;
  const counted = new WeakSet<pg.PoolClient>();
  const counting = async () => {
    counts.connects += 1;
    const client = (await connect()) as pg.PoolClient;
    if (!counted.has(client)) {
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        counts.queries += 1;
        return query(...args);
      }) as typeof client.query;
    }
    return client;
  };
  // `pool.query` borrows through the callback form: left as it is (the store borrows with promises).
  pool.connect = ((callback?: unknown) =>
    callback ? connect(callback) : counting()) as unknown as typeof pool.connect;
  return { pool, counts };
}

describe('createPostgresStore: notices between replicas', () => {
  it('applies another replica’s write from its notice, without reading the database', async () => {
    const writer = await openReplica();
    const { pool, counts } = await countingPool();
    const idle = await openReplica({ pool });
    const before = { ...counts };

    await writer.update((state) => {
      state.requests.r1 = aRequest();
      state.outbox.push(aNotice('n1'), aNotice('n2'));
      state.counters.request = 1;
    });
    await writer.update((state) => {
      state.outbox.splice(0, 1);
      delete state.requests.r1;
      state.requests.r2 = aRequest({ id: 'r2' });
    });

    await vi.waitFor(() => expect(idle.lastSeq()).toBe(writer.lastSeq()));
    expect(idle.read()).toEqual(writer.read());
    expect(counts).toEqual(before);
  });

  it('catches up on a write it has not heard of yet in the two round trips of its own transaction', async () => {
    const writer = await openReplica({ listen: false });
    const { pool, counts } = await countingPool();
    const deaf = await openReplica({ pool, listen: false });
    await writer.update((state) => {
      state.requests.r1 = aRequest();
      state.outbox.push(aNotice('n1'));
    });
    const before = { ...counts };

    const seen = await deaf.update((state) => {
      state.counters.request += 1;
      return state.requests.r1?.state;
    });

    expect(seen).toBe('open');
    expect(counts.queries - before.queries).toBe(2);
    await writer.refresh();
    expect(deaf.read()).toEqual(writer.read());
  });

  it('brings a write too large for a NOTIFY to the other replicas from its kept notice, in one query and COMMIT', async () => {
    const writer = await openReplica();
    const { pool, counts } = await countingPool();
    const listening = await openReplica({ pool });
    const deaf = await openReplica({ listen: false });
    const before = { ...counts };
    // Forty requests of 400-character reasons: some 20 kB, past the 8000 bytes a NOTIFY carries.
    const reason = 'x'.repeat(400);
    const ids = Array.from({ length: 40 }, (_, i) => `r${i}`);

    await writer.update((state) => {
      for (const id of ids)
        state.requests[id] = aRequest({
          id,
          requesters: [{ personId: 'slack:U1', reason, at: '2024-05-01T10:00:00.000Z' }],
        });
    });

    await vi.waitFor(() => expect(Object.keys(listening.read().requests).sort()).toEqual([...ids].sort()));
    expect(counts.queries - before.queries).toBe(2);
    await deaf.update((state) => {
      state.counters.request = Object.keys(state.requests).length;
    });
    expect(deaf.read().counters.request).toBe(40);
    expect(listening.read().requests).toEqual(writer.read().requests);
    await vi.waitFor(() => expect(writer.read().counters.request).toBe(40));
    expect(deaf.read()).toEqual(writer.read());
  });

  it('reads the database when a notice does not follow on from where it stands (a writer of an older version)', async () => {
    const writer = await openReplica({ listen: false });
    const listening = await openReplica();
    await writer.update((state) => {
      state.requests.r1 = aRequest();
    });
    // An older writer: the row, its `changes` row, and a NOTIFY of the bare change number.
    await sql(`UPDATE requests SET doc = jsonb_set(doc, '{state}', '"denied"') WHERE key = 'r1'`);
    const [added] = await sql<{ seq: string }>(
      "INSERT INTO changes (collection, key) VALUES ('requests', 'r1') RETURNING seq",
    );
    await sql('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(added?.seq)]);

    await vi.waitFor(() => expect(listening.read().requests.r1?.state).toBe('denied'));
    expect(listening.lastSeq()).toBe(Number(added?.seq));
  });
});

describe('createPostgresStore: audit entries with their change', () => {
  it('writes the entries a change queued in its transaction, so the audit log holds them without an append', async () => {
    const { pool } = await countingPool();
    const audit = await createPostgresAuditLog({ pool });
    const append = vi.spyOn(audit, 'append');
    const store = await openReplica({ pool, audit });
    const entry = {
      seq: 1,
      at: '2024-05-01T10:00:00.000Z',
      actor: 'slack:U1',
      action: 'request',
      integrationId: 'jira',
      details: 'asked',
    };

    await store.update((state) => {
      state.requests.r1 = aRequest();
      state.auditQueue = { seq: 1, pending: [entry] };
    });

    expect(await sql('SELECT seq::int, at, actor, action, integration_id, details FROM audit')).toEqual([
      {
        seq: 1,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        integration_id: 'jira',
        details: 'asked',
      },
    ]);
    expect(audit.lastSeq()).toBe(1);
    expect(audit.latestByIntegration().get('jira')).toEqual(entry);
    expect(append).not.toHaveBeenCalled();
  });

  it('writes entries another replica queued and left out of the log with its next change', async () => {
    // The other replica queues an entry without writing it to the log (an append that failed).
    const other = await openReplica({ listen: false });
    const { pool } = await countingPool();
    const audit = await createPostgresAuditLog({ pool });
    const append = vi.spyOn(audit, 'append');
    const store = await openReplica({ pool, audit, listen: false });
    const entry = {
      seq: 1,
      at: '2024-05-01T10:00:00.000Z',
      actor: 'slack:U2',
      action: 'deny',
      integrationId: 'zoom',
      details: '',
    };
    await other.update((state) => {
      state.auditQueue = { seq: 1, pending: [entry] };
    });

    await store.update((state) => {
      state.counters.request += 1;
    });

    expect(await sql('SELECT seq::int, integration_id FROM audit')).toEqual([
      { seq: 1, integration_id: 'zoom' },
    ]);
    expect(audit.lastSeq()).toBe(1);
    expect(append).not.toHaveBeenCalled();
  });

  it('writes no audit entry when the change’s write fails', async () => {
    const { pool } = await countingPool();
    const audit = await createPostgresAuditLog({ pool });
    const store = await openReplica({ pool, audit });
    await sql('ALTER TABLE requests ADD CONSTRAINT no_r9 CHECK (key <> $$r9$$)');

    await expect(
      store.update((state) => {
        state.requests.r9 = aRequest({ id: 'r9' });
        state.auditQueue = {
          seq: 1,
          pending: [
            {
              seq: 1,
              at: '2024-05-01T10:00:00.000Z',
              actor: 'a',
              action: 'x',
              integrationId: null,
              details: '',
            },
          ],
        };
      }),
    ).rejects.toThrow();

    expect(await sql('SELECT * FROM audit')).toEqual([]);
    expect(audit.lastSeq()).toBe(0);
    expect(store.read().auditQueue.pending).toEqual([]);
  });

  it('lets one replica take an inbound event id: the others are told it is taken', async () => {
    const [a, b] = [await openReplica(), await openReplica()];
    const taken = await Promise.all([a.takeEvent('slack:Ev1'), b.takeEvent('slack:Ev1')]);
    expect(taken.sort()).toEqual([false, true]);
    expect(await a.takeEvent('slack:Ev1')).toBe(false);
    expect(await b.takeEvent('slack:Ev2')).toBe(true);
    expect((await sql('SELECT id FROM inbound_events ORDER BY id')).map((r) => r.id)).toEqual([
      'slack:Ev1',
      'slack:Ev2',
    ]);
  });
});
