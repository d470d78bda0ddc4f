import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLAIM_LEASE_MS, createDeliveryWorker } from '../../../../src/adapters/delivery/index.js';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import {
  createPostgresStore,
  type PostgresStore,
} from '../../../../src/adapters/storage/postgres/postgres-store.js';
import { queueNotice } from '../../../../src/application/outbox.js';
import type { View } from '../../../../src/application/views/view.js';
import { fixedClock } from '../../../fakes/clock.js';
import { silentLogger } from '../../../fakes/silent-logger.js';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.js';
import { createFakeSender } from '../../delivery/fake-sender.js';

const AT = '2027-06-01T09:00:00.000Z';
const card = (title: string) => ({ kind: 'message', tone: 'info', text: title, title }) as unknown as View;
const titlesOf = (sender: { sent: { view: View }[] }) =>
  sender.sent.map((m) => (m.view as unknown as { title: string }).title);

/**
 * The delivery workers of two replicas, each on its own store over one database: the claims they
 * write meet in PostgreSQL, so every notice goes out once, in order per conversation.
 */
describe('delivery from two replicas on one database', () => {
  let database: TestDatabase;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await database.drop();
  });
  const openReplica = async (): Promise<PostgresStore> => {
    const pool = createPostgresPool({ url: database.url, max: 3 });
    await runMigrations({ pool });
    const store = await createPostgresStore({ pool });
    cleanups.push(async () => {
      await store.close();
      await pool.end();
    });
    return store;
  };

  it('leaves the notices of a replica that died mid-delivery to the other once its claims lapse, each then sent once', async () => {
    const clock = fixedClock(AT);
    const [a, b] = [await openReplica(), await openReplica()];
    await a.update((state) => {
      for (let n = 0; n < 3; n++)
        for (let c = 1; c <= 2; c++)
          queueNotice(state, { now: clock.now(), target: `slack:C${c}`, view: card(`C${c}#${n}`) });
    });
    // Replica a claims both conversations, then its sends never come back: it died with them on the way.
    const dying = createFakeSender();
    dying.post = async () => {
      dying.calls += 1;
      return new Promise(() => {});
    };
    const workerOf = (store: PostgresStore, slack: typeof dying, workerId: string) =>
      createDeliveryWorker({
        store,
        senders: { slack },
        clock,
        logger: silentLogger,
        onGone: async () => {},
        sleep: async (ms) => clock.advance(ms),
        claims: { workerId },
      });
    void workerOf(a, dying, 'a').runOnce();
    await vi.waitFor(() => expect(dying.calls).toBe(2));

    const slack = createFakeSender();
    const other = workerOf(b, slack, 'b');
    // Replica b reads a's claims from the database: it leaves the conversations alone while they hold.
    expect(await other.runOnce()).toMatchObject({ attempted: 0 });
    clock.advance(CLAIM_LEASE_MS);
    await other.runOnce();

    expect(titlesOf(slack)).toHaveLength(6);
    expect(titlesOf(slack).filter((t) => t.startsWith('C1'))).toEqual(['C1#0', 'C1#1', 'C1#2']);
    expect(titlesOf(slack).filter((t) => t.startsWith('C2'))).toEqual(['C2#0', 'C2#1', 'C2#2']);
    await a.refresh();
    expect(a.read().outbox).toEqual([]);
  });

  it('sends each of 24 notices to 6 conversations once, in order, with both workers running at once', async () => {
    const clock = fixedClock(AT);
    const [a, b] = [await openReplica(), await openReplica()];
    await a.update((state) => {
      for (let n = 0; n < 4; n++)
        for (let c = 1; c <= 6; c++)
          queueNotice(state, { now: clock.now(), target: `slack:C${c}`, view: card(`C${c}#${n}`) });
    });
    const senders = { a: createFakeSender(), b: createFakeSender() };
    const worker = (store: PostgresStore, name: 'a' | 'b') =>
      createDeliveryWorker({
        store,
        senders: { slack: senders[name] },
        clock,
        logger: silentLogger,
        onGone: async () => {},
        sleep: async (ms) => clock.advance(ms),
        claims: { workerId: name },
      });
    const workers = [worker(a, 'a'), worker(b, 'b')];

    for (let round = 0; round < 20 && [...titlesOf(senders.a), ...titlesOf(senders.b)].length < 24; round++) {
      await Promise.all(workers.map((w) => w.runOnce()));
      clock.advance(1_500);
    }

    const sent = [...titlesOf(senders.a), ...titlesOf(senders.b)];
    expect(sent).toHaveLength(24);
    expect(new Set(sent).size).toBe(24);
    for (const sender of [senders.a, senders.b])
      for (let c = 1; c <= 6; c++) {
        const mine = titlesOf(sender).filter((t) => t.startsWith(`C${c}#`));
        expect(mine).toEqual([...mine].sort());
      }
    await a.refresh();
    await b.refresh();
    expect(a.read().outbox.filter((n) => n.state === 'queued')).toEqual([]);
    expect(b.read().outbox).toEqual(a.read().outbox);
  });
});
