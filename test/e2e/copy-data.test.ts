import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_FILE_NAME } from '../../src/adapters/security/secret-file.js';
import {
  AUDIT_FILE_NAME,
  acquireDataDirLock,
  createFileStore,
  createJsonlAuditLog,
  STATE_FILE_NAME,
} from '../../src/adapters/storage/index.js';
import {
  createPostgresAuditLog,
  createPostgresPool,
  createPostgresStore,
} from '../../src/adapters/storage/postgres/index.js';
import type { AuditEntry } from '../../src/application/ports/audit-log.js';
import { RequestState, type State } from '../../src/domain/state.js';
import { anAuditEntry } from '../adapters/storage/builders.js';
import { aFullState, emptyFieldsOf } from '../support/full-state.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { runScript, tempDataDir } from './helpers.js';

interface Held {
  state: State;
  audit: AuditEntry[];
}

const copy = (...args: string[]) => runScript({ script: 'src/bin/copy-data.ts', args, timeoutMs: 60_000 });

/** Writes `held` into a data directory through the file store and the audit log, as the bot would. */
async function writeDataDir(dir: string, held: Held, secret: string | null = null): Promise<string> {
  const store = await createFileStore({ dataDir: dir });
  await store.update((draft) => Object.assign(draft, structuredClone(held.state)));
  await store.close();
  const log = await createJsonlAuditLog({ dataDir: dir });
  await log.append(held.audit);
  await log.close();
  if (secret !== null) writeFileSync(join(dir, SECRET_FILE_NAME), `${secret}\n`, { mode: 0o600 });
  return dir;
}

async function collect(entries: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

/** What a data directory holds, as the bot loads it. */
async function readDataDir(dir: string): Promise<Held> {
  const store = await createFileStore({ dataDir: dir });
  const state = structuredClone(store.read()) as State;
  await store.close();
  const log = await createJsonlAuditLog({ dataDir: dir });
  const audit = await collect(log.read());
  await log.close();
  return { state, audit };
}

/** What a database holds, as a replica loads it. */
async function readDatabase(url: string): Promise<Held & { secret: string | null }> {
  const pool = createPostgresPool({ url });
  try {
    const store = await createPostgresStore({ pool, listen: false });
    const state = structuredClone(store.read()) as State;
    await store.close();
    const audit = await collect((await createPostgresAuditLog({ pool })).read());
    const { rows } = await pool.query<{ value: string }>("SELECT value FROM secrets WHERE name = 'signing'");
    return { state, audit, secret: rows[0]?.value ?? null };
  } finally {
    await pool.end();
  }
}

const SECRET = 'a-signing-secret-that-also-seals-tokens-0123';
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

describe('npm run copy-data', () => {
  let full: Held;
  const databases: TestDatabase[] = [];
  const aDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database.url;
  };
  beforeAll(async () => {
    full = await aFullState();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('starts from a state holding every kind of record', () => {
    // A top-level field added to State and left out of the fixture fails here, so the round trip covers it.
    expect(emptyFieldsOf(full.state)).toEqual([]);
    const states = new Set(Object.values(full.state.requests).map((r) => r.state));
    expect([...states].sort()).toEqual([...RequestState.options].sort());
    expect(new Set(full.state.outbox.map((n) => n.state))).toEqual(new Set(['queued', 'sent', 'given-up']));
    const installs = Object.values(full.state.installs);
    expect(installs.some((i) => i.endsAt !== null && i.scope.kind === 'groups')).toBe(true);
    expect(installs.every((i) => (i.approvedPermissions?.length ?? 0) > 0)).toBe(true);
    expect(full.audit.length).toBeGreaterThan(10);
  });

  it('round-trips a data directory through PostgreSQL into a new data directory unchanged', {
    timeout: 120_000,
  }, async () => {
    const source = await writeDataDir(tempDataDir('copy-src-'), full, SECRET);
    const original = await readDataDir(source);
    expect(original.state).toEqual(full.state);
    const url = await aDatabase();

    const there = await copy('--from', source, '--to', url);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(there.stdout).toContain(`requests: ${Object.keys(full.state.requests).length}\n`);
    expect(there.stdout).toContain(`outbox: ${full.state.outbox.length}\n`);
    expect(there.stdout).toContain(`audit entries: ${full.audit.length}\n`);
    expect(there.stdout).toContain('signing secret: copied');
    if (passwordOf(url)) expect(there.stdout).not.toContain(passwordOf(url));
    const inDatabase = await readDatabase(url);
    expect(inDatabase.state).toEqual(original.state);
    expect(inDatabase.audit).toEqual(original.audit);
    expect(inDatabase.secret).toBe(SECRET);

    const back = join(tempDataDir('copy-back-'), 'data');
    const home = await copy('--from', url, '--to', back);
    expect(home.code).toBe(0);
    const final = await readDataDir(back);
    expect(final.state).toEqual(original.state);
    expect(final.audit).toEqual(original.audit);
    expect(readFileSync(join(back, SECRET_FILE_NAME), 'utf8').trim()).toBe(SECRET);
  });

  it('refuses a database that already holds data, writing nothing, and replaces it with --replace', {
    timeout: 120_000,
  }, async () => {
    const url = await aDatabase();
    expect((await copy('--from', await writeDataDir(tempDataDir('copy-src-'), full), '--to', url)).code).toBe(
      0,
    );
    const other: Held = {
      state: { ...structuredClone(full.state), people: {}, outbox: [] },
      audit: [anAuditEntry({ seq: 1 })],
    };
    const otherDir = await writeDataDir(tempDataDir('copy-other-'), other);

    const refused = await copy('--from', otherDir, '--to', url);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^copy-data refused: --to postgres:\/\/.* already holds data; nothing was copied \(add --replace to overwrite it\)\n$/,
    );
    if (passwordOf(url)) expect(refused.stderr).not.toContain(passwordOf(url));
    const kept = await readDatabase(url);
    expect(kept.state).toEqual(full.state);
    expect(kept.audit).toEqual(full.audit);

    const replaced = await copy('--from', otherDir, '--to', url, '--replace');
    expect(replaced.code).toBe(0);
    const now = await readDatabase(url);
    expect(now.state).toEqual(other.state);
    expect(now.audit).toEqual(other.audit);
  });

  it('refuses a data directory that already holds data, leaving its files as they were', {
    timeout: 60_000,
  }, async () => {
    const url = await aDatabase();
    expect((await copy('--from', await writeDataDir(tempDataDir('copy-src-'), full), '--to', url)).code).toBe(
      0,
    );
    const target = await writeDataDir(tempDataDir('copy-target-'), {
      state: full.state,
      audit: [anAuditEntry({ seq: 1 })],
    });
    const files = [STATE_FILE_NAME, AUDIT_FILE_NAME].map((name) => readFileSync(join(target, name), 'utf8'));

    const refused = await copy('--from', url, '--to', target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `copy-data refused: --to ${target} already holds data; nothing was copied (add --replace to overwrite it)\n`,
    );
    expect(
      [STATE_FILE_NAME, AUDIT_FILE_NAME].map((name) => readFileSync(join(target, name), 'utf8')),
    ).toEqual(files);
  });

  it('refuses a source that is missing or holds no data, creating no target', {
    timeout: 60_000,
  }, async () => {
    const target = join(tempDataDir('copy-target-'), 'data');
    const missing = join(tempDataDir('copy-src-'), 'nothing-here');
    const gone = await copy('--from', missing, '--to', target);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(`copy-data refused: --from ${missing} does not exist\n`);

    const empty = tempDataDir('copy-empty-');
    const nothing = await copy('--from', empty, '--to', target);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain(`copy-data refused: --from ${empty} holds no bot data`);

    const torn = tempDataDir('copy-torn-');
    writeFileSync(join(torn, STATE_FILE_NAME), '{"schemaVersion": 2, "people": ');
    const unreadable = await copy('--from', torn, '--to', target);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(
      /^copy-data failed: Cannot load .*state\.json: it is not valid JSON .*\n$/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a data directory another process holds, on either side (exit code 3)', {
    timeout: 60_000,
  }, async () => {
    const source = await writeDataDir(tempDataDir('copy-src-'), full);
    const target = tempDataDir('copy-target-');
    const sourceLock = acquireDataDirLock(source);
    try {
      const held = await copy('--from', source, '--to', target);
      expect(held.code).toBe(3);
      expect(held.stderr).toMatch(
        /^copy-data failed: Another bot process \(pid \d+ on host .*\) holds the lock /,
      );
      expect(existsSync(join(target, STATE_FILE_NAME))).toBe(false);
    } finally {
      sourceLock.release();
    }
    const targetLock = acquireDataDirLock(target);
    try {
      const held = await copy('--from', source, '--to', target);
      expect(held.code).toBe(3);
      expect(existsSync(join(target, STATE_FILE_NAME))).toBe(false);
    } finally {
      targetLock.release();
    }
  });

  it('refuses a malformed URL without showing its password', { timeout: 60_000 }, async () => {
    const source = await writeDataDir(tempDataDir('copy-src-'), full);
    for (const [url, why] of [
      ['postgres://admin:hunter2@/bot', 'is not a URL'],
      ['admin:hunter2@db.example/bot', 'is not a URL'],
      ['mysql://admin:hunter2@db.example/bot', 'must start with postgres://'],
      ['postgres://admin:hunter2@db.example', 'names no database'],
    ] as const) {
      const refused = await copy('--from', source, '--to', url);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`copy-data refused: --to ${why}`);
      expect(refused.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(refused.stderr + refused.stdout).not.toContain('hunter2');
    }
    const noTarget = await copy('--from', source);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('copy-data refused: --to is missing');
  });

  it('numbers a history with entries older than numbering, keeping every entry and the queue after them', {
    timeout: 120_000,
  }, async () => {
    const legacy = [
      anAuditEntry({ details: 'first, unnumbered' }),
      anAuditEntry({ details: 'second, unnumbered' }),
    ];
    const numbered = [
      anAuditEntry({ seq: 1, details: 'third' }),
      anAuditEntry({ seq: 2, details: 'fourth' }),
    ];
    const waiting = {
      seq: 3,
      at: '2024-05-02T10:00:00.000Z',
      actor: 'console:admin',
      action: 'note',
      integrationId: null,
      details: 'fifth, queued',
    };
    const state = { ...structuredClone(full.state), auditQueue: { seq: 3, pending: [waiting] } };
    const source = await writeDataDir(tempDataDir('copy-src-'), { state, audit: [...legacy, ...numbered] });
    const url = await aDatabase();

    const copied = await copy('--from', source, '--to', url);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('audit entries: 4 (numbered in order; older ones had no number)');
    const inDatabase = await readDatabase(url);
    expect(inDatabase.audit.map((e) => [e.seq, e.details])).toEqual([
      [1, 'first, unnumbered'],
      [2, 'second, unnumbered'],
      [3, 'third'],
      [4, 'fourth'],
    ]);
    // The queued entry comes after the renumbered history, so start-up appends it rather than skipping it.
    expect(inDatabase.state.auditQueue).toEqual({ seq: 5, pending: [{ ...waiting, seq: 5 }] });
  });
});
