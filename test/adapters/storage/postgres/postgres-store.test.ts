import { describe, expect, it, vi } from 'vitest';
import type { PostgresStore } from '../../../../src/adapters/storage/postgres/postgres-store.js';
import { placeOf } from '../../../../src/adapters/storage/postgres/state-tables.js';
import { writeFailureOf } from '../../../../src/application/ports/store.js';
import { emptyState, type State } from '../../../../src/domain/state.js';
import { aNotice, aRequest } from '../builders.js';
import { storeContract } from '../store-contract.js';
import { useReplicaStores } from './replica-stores.js';

const { sql, openReplica } = useReplicaStores();

describe('createPostgresStore: the Store contract', () => {
  storeContract(() => openReplica());
});

/** A state touching every collection, list and singleton. */
function fillEverything(state: State): void {
  state.people['slack:U1'] = {
    id: 'slack:U1',
    name: 'Ada',
    role: 'system-admin',
    since: '2024-05-01T10:00:00.000Z',
  };
  state.groups.g1 = {
    id: 'g1',
    name: 'Sales',
    members: ['slack:U1'],
    admins: [],
    createdAt: '2024-05-01T10:00:00.000Z',
    createdBy: 'slack:U1',
  };
  state.requests.r1 = aRequest();
  state.requests.r2 = aRequest({ id: 'r2', integrationId: 'zoom', state: 'denied' });
  state.openRequests.jira = 'r1';
  state.personRequests['slack:U1'] = ['r1', 'r2'];
  state.blocked.box = { reason: 'we use Dropbox', by: 'slack:U1', at: '2024-05-01T10:00:00.000Z' };
  state.sentKeys['deadline:jira:7'] = '2024-05-01T10:00:00.000Z';
  state.seenEvents.Ev1 = '2024-05-01T10:00:00.000Z';
  state.usedNonces.nonce1 = '2024-05-01T10:00:00.000Z';
  state.postedCards['request:r1'] = [{ target: 'slack:C1', messageId: '123.456' }];
  state.outbox.push(aNotice('n1'), aNotice('n2', { target: 'teams:x' }), aNotice('n3'));
  state.counters = { request: 2, notice: 3 };
  state.auditQueue = {
    seq: 1,
    pending: [
      {
        seq: 1,
        at: '2024-05-01T10:00:00.000Z',
        actor: 'slack:U1',
        action: 'request',
        integrationId: 'jira',
        details: 'x',
      },
    ],
  };
  state.provider = { ...state.provider, current: 'skype' } as State['provider'];
}

describe('createPostgresStore', () => {
  it('keeps every State field in a table: the singletons are exactly the single values', () => {
    // A new collection of State needs a table of its own (state-tables.ts); this fails until it has one.
    const singletons = Object.keys(emptyState()).filter((top) => placeOf(top).kind === 'singleton');
    expect(singletons.sort()).toEqual(['auditQueue', 'counters', 'provider', 'schemaVersion']);
    for (const top of Object.keys(emptyState())) {
      const value = (emptyState() as unknown as Record<string, unknown>)[top];
      if (placeOf(top).kind === 'list') expect(Array.isArray(value), top).toBe(true);
    }
  });

  it('loads exactly the state it wrote after a restart', async () => {
    const first = await openReplica({ listen: false });
    await first.update(fillEverything);
    await first.update((state) => {
      delete state.requests.r2;
      state.people['slack:U1'] = { ...(state.people['slack:U1'] as State['people'][string]), name: 'Ada L.' };
    });
    const before = structuredClone(first.read());
    await first.close();

    const second = await openReplica({ listen: false });

    expect(second.read()).toEqual(before);
    expect(Object.keys(second.read().requests)).toEqual(['r1']);
    const rows = await sql<{ integration_id: string; state: string }>(
      'SELECT integration_id, state FROM requests',
    );
    expect(rows).toEqual([{ integration_id: 'jira', state: 'open' }]);
  });

  it('writes nothing when a change throws', async () => {
    const store = await openReplica();
    await store.update(fillEverything);
    const dump = async () => ({
      changes: await sql('SELECT * FROM changes ORDER BY seq'),
      outbox: await sql('SELECT id, position, doc FROM outbox ORDER BY position'),
      singletons: await sql('SELECT * FROM singletons ORDER BY name'),
      requests: await sql('SELECT key, doc FROM requests ORDER BY key'),
    });
    const before = await dump();

    await expect(
      store.update((state) => {
        state.outbox.shift();
        delete state.requests.r1;
        state.counters.request = 99;
        throw new Error('a bug in a use case');
      }),
    ).rejects.toThrow('a bug in a use case');

    expect(await dump()).toEqual(before);
    expect(store.read().outbox.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('undoes the change and says why when the database refuses the write (disk full)', async () => {
    const store = await openReplica();
    await store.update((state) => {
      state.counters.request = 1;
    });
    await sql(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$`);
    await sql(
      'CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON singletons FOR EACH ROW EXECUTE FUNCTION refuse()',
    );

    const failing = store.update((state) => {
      state.counters.request = 2;
      state.requests.r1 = aRequest();
    });

    await expect(failing).rejects.toMatchObject({ code: 'store-write-failed' });
    expect(writeFailureOf(await failing.catch((e: unknown) => e))).toBe('disk-full');
    expect(store.read().counters.request).toBe(1);
    expect(store.read().requests.r1).toBeUndefined();
    expect(await sql('SELECT key FROM requests')).toEqual([]);
  });

  it('says it cannot reach its database when the connection dies mid-write, and works again after', async () => {
    const store = await openReplica();
    await sql(`CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
    await sql('CREATE TRIGGER die BEFORE INSERT ON requests FOR EACH ROW EXECUTE FUNCTION die()');

    const failing = store.update((state) => {
      state.requests.r1 = aRequest();
    });

    const error = await failing.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store-write-failed' });
    expect(writeFailureOf(error)).toBe('database-unreachable');
    expect(store.read().requests.r1).toBeUndefined();
    await sql('DROP TRIGGER die ON requests');
    await store.update((state) => {
      state.requests.r1 = aRequest();
    });
    expect((await sql('SELECT key FROM requests')).map((r) => r.key)).toEqual(['r1']);
  });

  it('keeps the outbox in order across appends, in-place changes and compaction, and after a restart', async () => {
    const store = await openReplica({ listen: false });
    await store.update((state) => {
      for (const id of ['n1', 'n2', 'n3', 'n4']) state.outbox.push(aNotice(id));
    });
    await store.update((state) => {
      (state.outbox[1] as State['outbox'][number]).state = 'sent';
      state.outbox.push(aNotice('n5'));
    });
    await store.update((state) => {
      state.outbox = state.outbox.filter((n) => n.state !== 'sent' && n.id !== 'n3');
      state.outbox.push(aNotice('n6'));
    });
    // A reordering (a notice put first) renumbers the positions.
    await store.update((state) => {
      state.outbox.unshift(aNotice('n0'));
    });
    const ids = store.read().outbox.map((n) => n.id);
    expect(ids).toEqual(['n0', 'n1', 'n4', 'n5', 'n6']);
    const rows = await sql<{ id: string }>('SELECT id FROM outbox ORDER BY position');
    expect(rows.map((r) => r.id)).toEqual(ids);
    await store.close();

    const again = await openReplica({ listen: false });
    expect(again.read().outbox).toEqual(store.read().outbox);
  });

  it('refuses to load a state a newer version of the bot wrote, and one that breaks the schema', async () => {
    await openReplica({ listen: false });
    await sql(`INSERT INTO singletons (name, doc) VALUES ('schemaVersion', '99')`);
    await expect(openReplica({ listen: false })).rejects.toMatchObject({ code: 'store-too-new' });
    await sql(`UPDATE singletons SET doc = '2' WHERE name = 'schemaVersion'`);
    await sql(`INSERT INTO singletons (name, doc) VALUES ('counters', '{"request": -1, "notice": 0}')`);
    await expect(openReplica({ listen: false })).rejects.toMatchObject({
      code: 'store-invalid',
      message: expect.stringMatching(/counters\.request/),
    });
  });

  it('refuses a list element without an id, writing nothing', async () => {
    const store = await openReplica({ listen: false });
    const bad = store.update((state) => {
      state.outbox.push({ target: 'x' } as unknown as State['outbox'][number]);
      state.counters.notice = 1;
    });
    await expect(bad).rejects.toMatchObject({ code: 'store-invalid' });
    expect(store.read().outbox).toEqual([]);
    expect(store.read().counters.notice).toBe(0);
    expect(await sql('SELECT name FROM singletons')).toEqual([]);
  });
});

describe('createPostgresStore: two replicas on one database', () => {
  it('keeps both replicas’ concurrent changes, and each sees the other’s through NOTIFY', async () => {
    const a = await openReplica();
    const b = await openReplica();

    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        a.update((state) => {
          state.counters.request += 1;
          state.sentKeys[`a${i}`] = 'at';
        }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        b.update((state) => {
          state.counters.request += 1;
          state.sentKeys[`b${i}`] = 'at';
          state.outbox.push(aNotice(`nb${i}`));
        }),
      ),
    ]);

    // Neither refreshes by hand: the listener brings the other's last writes in.
    for (const store of [a, b]) {
      await vi.waitFor(() => {
        expect(store.read().counters.request).toBe(40);
        expect(Object.keys(store.read().sentKeys)).toHaveLength(40);
        expect(store.read().outbox).toHaveLength(20);
      });
    }
    expect(a.read()).toEqual(b.read());
  });

  it('brings an idle replica another’s write through NOTIFY, also after its listening connection was cut', async () => {
    const a = await openReplica();
    const idle = await openReplica();
    await a.update((state) => {
      state.requests.r1 = aRequest();
    });
    await vi.waitFor(() => expect(idle.read().requests.r1).toEqual(aRequest()));

    // Every other connection to the database dies: the listener reconnects and catches up on what it missed.
    await sql(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await a.update((state) => {
      delete state.requests.r1;
      state.outbox.push(aNotice('n1'));
    });

    await vi.waitFor(
      () => {
        expect(idle.read().requests.r1).toBeUndefined();
        expect(idle.read().outbox.map((n) => n.id)).toEqual(['n1']);
      },
      { timeout: 5000 },
    );
  });

  it('lets exactly one of two decisions made at the same instant on two replicas win', async () => {
    const a = await openReplica({ listen: false });
    const b = await openReplica({ listen: false });
    await a.update((state) => {
      state.requests.r1 = aRequest();
    });
    await b.refresh();
    expect(b.read().requests.r1?.state).toBe('open');

    const decide = (store: PostgresStore, by: string, to: 'approved' | 'denied') =>
      store.update((state) => {
        const request = state.requests.r1;
        if (request?.state !== 'open') return { ok: false as const, reason: 'already-decided' };
        request.state = to;
        request.decision = { by, at: '2024-05-02T10:00:00.000Z', scope: null, reason: null };
        return { ok: true as const };
      });
    const outcomes = await Promise.all([decide(a, 'slack:U1', 'approved'), decide(b, 'slack:U2', 'denied')]);

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'already-decided' }]);
    await a.refresh();
    await b.refresh();
    expect(a.read().requests.r1).toEqual(b.read().requests.r1);
    const [row] = await sql<{ state: string }>("SELECT state FROM requests WHERE key = 'r1'");
    expect(row?.state).toBe(a.read().requests.r1?.state);
  });

  it('reloads everything when the changes it missed were pruned', async () => {
    const behind = await openReplica({ listen: false });
    const writer = await openReplica({ listen: false, keepChanges: 2, pruneEvery: 1 });
    for (let i = 0; i < 6; i++)
      await writer.update((state) => {
        state.seenEvents[`e${i}`] = 'at';
        if (i === 3) state.outbox.push(aNotice('n1'));
      });
    await writer.update((state) => {
      delete state.seenEvents.e0;
    });
    const [{ pruned }] = (await sql<{ pruned: string }>(
      'SELECT pruned_through AS pruned FROM change_horizon',
    )) as [{ pruned: string }];
    expect(Number(pruned)).toBeGreaterThan(behind.lastSeq());

    await behind.refresh();

    expect(behind.read()).toEqual(writer.read());
    expect(behind.lastSeq()).toBe(writer.lastSeq());
  });
});
