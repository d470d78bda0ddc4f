import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import { useTestDatabase } from '../../../support/postgres.js';
import { aNotice, aRequest } from '../builders.js';

/** The second schema (0002): what reports and later queries may lean on besides the documents. */
describe('schema 0002', () => {
  const database = useTestDatabase();
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = createPostgresPool({ url: database.url, max: 4 });
    await runMigrations({ pool });
  });
  afterAll(async () => {
    await pool.end();
  });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'inserted',
      (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
    );

  it('derives the columns reports filter on from the documents, and follows them when a document changes', async () => {
    await pool.query('INSERT INTO requests (key, doc) VALUES ($1, $2)', ['r1', aRequest()]);
    await pool.query('INSERT INTO outbox (id, position, doc) VALUES ($1, 1, $2)', ['n1', aNotice('n1')]);
    await pool.query('UPDATE requests SET doc = jsonb_set(doc, $1, $2) WHERE key = $3', [
      '{state}',
      '"approved"',
      'r1',
    ]);

    const requests = await pool.query('SELECT integration_id, state FROM requests');
    expect(requests.rows).toEqual([{ integration_id: 'jira', state: 'approved' }]);
    const outbox = await pool.query('SELECT state, target, not_before FROM outbox');
    expect(outbox.rows).toEqual([
      { state: 'queued', target: 'slack:C1', not_before: '2024-05-01T10:00:00.000Z' },
    ]);
    // A generated column is the document's: it cannot be written apart from it.
    expect(await codeOf(pool.query("UPDATE requests SET state = 'open'"))).toBe('428C9 undefined');
  });

  it('keeps one row per key: a sent-notice key and a seen Slack event are recorded once', async () => {
    await pool.query(
      `INSERT INTO sent_keys (key, doc) VALUES ('reminder:zoom:7', '"2026-12-01T00:00:00.000Z"')`,
    );
    expect(
      await codeOf(
        pool.query(
          `INSERT INTO sent_keys (key, doc) VALUES ('reminder:zoom:7', '"2026-12-02T00:00:00.000Z"')`,
        ),
      ),
    ).toBe('23505 sent_keys_pkey');
    const { rows } = await pool.query('SELECT at FROM sent_keys');
    expect(rows).toEqual([{ at: '2026-12-01T00:00:00.000Z' }]);
  });

  it('has no table of the first schema left, and the indexes the queries read through', async () => {
    const tables = await pool.query<{ t: string | null }>(
      "SELECT to_regclass('public.request_requesters')::text AS t UNION ALL SELECT to_regclass('public.provider_setting')::text",
    );
    expect(tables.rows).toEqual([{ t: null }, { t: null }]);
    const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    const def = (name: string) => rows.find((r) => r.indexname === name)?.indexdef;
    expect(def('requests_by_integration')).toMatch(/\(integration_id, state\)/);
    expect(def('outbox_due')).toMatch(/\(state, not_before\)/);
    expect(def('outbox_by_target')).toMatch(/\(target, "?position"?\)/);
    expect(def('sent_keys_pkey')).toMatch(/UNIQUE INDEX .* \(key\)/);
    expect(def('audit_by_integration')).toMatch(/\(integration_id, seq\)/);
    expect(def('audit_by_time')).toMatch(/\(at\)/);
  });
});
