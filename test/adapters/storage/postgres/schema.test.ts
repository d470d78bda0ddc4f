import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import { runMigrations } from '../../../../src/adapters/storage/postgres/migrate.js';
import { useTestDatabase } from '../../../support/postgres.js';

/** The constraints of the first migration that the store's rules will lean on across replicas. */
describe('schema 0001', () => {
  const database = useTestDatabase();
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = createPostgresPool({ url: database.url, max: 4 });
    await runMigrations({ pool });
  });
  afterAll(async () => {
    await pool.end();
  });

  const openRequest = (id: string, integrationId: string) =>
    pool.query(
      "INSERT INTO requests (id, integration_id, state, created_at) VALUES ($1, $2, 'open', now())",
      [id, integrationId],
    );
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'inserted',
      (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
    );

  it('refuses a second open request for one integration, and allows one once the first is decided', async () => {
    await openRequest('R-1', 'zoom');

    // 23505: unique_violation, so a replica can tell "someone opened it first" from a failure
    expect(await codeOf(openRequest('R-2', 'zoom'))).toBe('23505 requests_one_open_per_integration');

    await pool.query(
      "UPDATE requests SET state = 'approved', decided_by = 'slack:U1', decided_at = now() WHERE id = 'R-1'",
    );
    expect(await codeOf(openRequest('R-2', 'zoom'))).toBe('inserted');
    expect(await codeOf(openRequest('R-3', 'jira'))).toBe('inserted');
  });

  it('keeps a decided request decided: no open state with a decision, no decision without a decider', async () => {
    await openRequest('R-10', 'miro');

    expect(
      await codeOf(
        pool.query("UPDATE requests SET decided_by = 'slack:U1', decided_at = now() WHERE id = 'R-10'"),
      ),
    ).toBe('23514 requests_check');
    expect(await codeOf(pool.query("UPDATE requests SET state = 'denied' WHERE id = 'R-10'"))).toBe(
      '23514 requests_check',
    );
  });

  it('lets a person ask once per request', async () => {
    await openRequest('R-20', 'figma');
    const ask = (person: string) =>
      pool.query(
        "INSERT INTO request_requesters (request_id, person_id, reason, at) VALUES ('R-20', $1, null, now())",
        [person],
      );
    await ask('slack:U1');

    expect(await codeOf(ask('slack:U1'))).toBe('23505 request_requesters_pkey');
    expect(await codeOf(ask('teams:abc'))).toBe('inserted');
  });

  it('numbers audit entries in order and refuses to change or delete them', async () => {
    const append = (action: string) =>
      pool.query<{ seq: string }>(
        "INSERT INTO audit (at, actor, action, integration_id, details) VALUES (now(), 'slack:U1', $1, null, '') RETURNING seq",
        [action],
      );
    const first = Number((await append('first')).rows[0]?.seq);
    const second = Number((await append('second')).rows[0]?.seq);
    expect(second).toBeGreaterThan(first);

    await expect(pool.query("UPDATE audit SET details = 'rewritten'")).rejects.toThrow(
      'the audit trail is append-only (UPDATE refused)',
    );
    await expect(pool.query('DELETE FROM audit')).rejects.toThrow(
      'the audit trail is append-only (DELETE refused)',
    );
    await expect(pool.query('TRUNCATE audit')).rejects.toThrow(
      'the audit trail is append-only (TRUNCATE refused)',
    );
  });

  it('records a sent-notice key and a seen Slack event once', async () => {
    await pool.query(
      "INSERT INTO sent_notice_keys (key, sent_at) VALUES ('reminder:zoom:7:2026-12-01', now())",
    );
    await pool.query("INSERT INTO seen_events (event_id, seen_at) VALUES ('Ev123', now())");

    expect(
      await codeOf(
        pool.query(
          "INSERT INTO sent_notice_keys (key, sent_at) VALUES ('reminder:zoom:7:2026-12-01', now())",
        ),
      ),
    ).toBe('23505 sent_notice_keys_pkey');
    expect(
      await codeOf(pool.query("INSERT INTO seen_events (event_id, seen_at) VALUES ('Ev123', now())")),
    ).toBe('23505 seen_events_pkey');
  });

  it('lets two replicas claim due outbox rows without taking the same one (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 4; i++)
      await pool.query(
        "INSERT INTO outbox (id, target, card_key, mode, view, available_at, created_at) VALUES ('n' || nextval('notice_numbers'), $1, null, 'post', '{}', now() - interval '1 second', now())",
        [`slack:C${i}`],
      );
    const claim = `
      UPDATE outbox SET claimed_by = $1, claimed_until = now() + interval '30 seconds'
      WHERE id IN (
        SELECT id FROM outbox
        WHERE state = 'queued' AND available_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY available_at, seq FOR UPDATE SKIP LOCKED LIMIT 2)
      RETURNING id`;
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      const mine = (await a.query(claim, ['replica-a'])).rows.map((r) => r.id);
      // b runs while a still holds its rows locked: it skips them instead of waiting
      const theirs = (await b.query(claim, ['replica-b'])).rows.map((r) => r.id);
      await a.query('COMMIT');
      await b.query('COMMIT');

      expect(mine).toHaveLength(2);
      expect(theirs).toHaveLength(2);
      expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
    } finally {
      a.release();
      b.release();
    }
  });

  it('has the indexes the hot paths read through', async () => {
    const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    const def = (name: string) => rows.find((r) => r.indexname === name)?.indexdef;

    expect(def('requests_one_open_per_integration')).toMatch(
      /UNIQUE INDEX .* \(integration_id\) WHERE \(state = 'open'::text\)/,
    );
    expect(def('outbox_due')).toMatch(/\(available_at, seq\) WHERE \(state = 'queued'::text\)/);
    expect(def('audit_pkey')).toMatch(/\(seq\)/);
    expect(def('request_requesters_pkey')).toMatch(/UNIQUE INDEX .* \(request_id, person_id\)/);
  });
});
