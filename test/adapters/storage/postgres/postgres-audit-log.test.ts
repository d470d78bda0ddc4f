import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import { createPostgresAuditLog } from '../../../../src/adapters/storage/postgres/postgres-audit-log.js';
import type { AuditEntry } from '../../../../src/application/ports/audit-log.js';
import { useTestDatabase } from '../../../support/postgres.js';
import { anAuditEntry } from '../builders.js';

const all = async (entries: AsyncIterable<AuditEntry>) => {
  const out: AuditEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
};

describe('createPostgresAuditLog', () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = createPostgresPool({ url: database.url, max: 4 });
    await runMigrations({ pool });
  });
  afterAll(async () => {
    await pool.end();
  });

  it('appends idempotently by seq, reads in order and by integration, and a second replica sees it all', async () => {
    const log = await createPostgresAuditLog({ pool });
    const first = anAuditEntry({ seq: 1, details: 'first' });
    const other = anAuditEntry({ seq: 2, integrationId: 'trello' });
    const second = anAuditEntry({ seq: 3, details: 'second' });

    await log.append([first, other]);
    // Appended again (a replica recovering the shared audit queue): the entries held are skipped.
    await log.append([first, other, second]);

    expect(await all(log.read())).toEqual([first, other, second]);
    expect(await all(log.read({ integrationId: 'jira' }))).toEqual([first, second]);
    expect(log.lastSeq()).toBe(3);
    expect(Object.fromEntries(log.latestByIntegration())).toEqual({ jira: second, trello: other });

    const replica = await createPostgresAuditLog({ pool });
    expect(replica.lastSeq()).toBe(3);
    expect(Object.fromEntries(replica.latestByIntegration())).toEqual({ jira: second, trello: other });
    // What one replica appends, the other takes in at its next append.
    await replica.append([anAuditEntry({ seq: 4, integrationId: 'zoom' })]);
    await log.append([anAuditEntry({ seq: 5, integrationId: null })]);
    expect(log.lastSeq()).toBe(5);
    expect(log.latestByIntegration().get('zoom')?.seq).toBe(4);
  });

  it('numbers an unnumbered entry after the last one', async () => {
    const log = await createPostgresAuditLog({ pool });
    const before = log.lastSeq();
    await log.append([anAuditEntry({ details: 'unnumbered' })]);
    expect(log.lastSeq()).toBe(before + 1);
    const entries = await all(log.read());
    expect(entries.at(-1)).toMatchObject({ seq: before + 1, details: 'unnumbered' });
  });

  it('refuses a batch holding an invalid entry and keeps none of it', async () => {
    const log = await createPostgresAuditLog({ pool });
    const count = (await all(log.read())).length;
    const bad = { ...anAuditEntry({ seq: 100 }), at: null } as unknown as AuditEntry;
    await expect(log.append([anAuditEntry({ seq: 99 }), bad])).rejects.toMatchObject({
      code: 'audit-invalid',
    });
    expect(await all(log.read())).toHaveLength(count);
  });

  it('reads a history longer than one page, in order', async () => {
    const log = await createPostgresAuditLog({ pool });
    const start = log.lastSeq();
    const many = Array.from({ length: 1200 }, (_, i) =>
      anAuditEntry({ seq: start + i + 1, integrationId: 'page' }),
    );
    await log.append(many);
    const read = await all(log.read({ integrationId: 'page' }));
    expect(read.map((e) => e.seq)).toEqual(many.map((e) => e.seq));
  });
});
