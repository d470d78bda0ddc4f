import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createFileStore,
  isStoreError,
  loadState,
  MIGRATIONS,
  STATE_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import { CURRENT_SCHEMA_VERSION, emptyState, State } from '../../../src/domain/state.js';
import { fixedClock } from '../../fakes/clock.js';
import { aRequest } from './builders.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const now = new Date('2024-06-01T12:00:00.000Z');

/** A data file in the first layout: no schemaVersion, admins as a list, arrays instead of records. */
const versionZeroFile = {
  admins: ['slack:UADMIN'],
  groups: {},
  provider: 'hangouts',
  requests: [aRequest({ id: 'r7' })],
  installs: [
    {
      integrationId: 'jira',
      scope: { kind: 'all' },
      status: 'enabled',
      connected: true,
      changedAt: '2024-05-02T00:00:00.000Z',
      changedBy: 'slack:UADMIN',
    },
  ],
};

const load = (text: string) => loadState({ file: '/data/state.json', text, now });

function failureOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

describe('loadState', () => {
  it('has a migration for every schema version below the current one', () => {
    for (let version = 0; version < CURRENT_SCHEMA_VERSION; version++)
      expect(MIGRATIONS[version]).toBeTypeOf('function');
  });

  it('reads a current file as it is', () => {
    const state = { ...emptyState(), requests: { r1: aRequest() } };
    expect(load(JSON.stringify(state))).toEqual({
      state: State.parse(state),
      migratedFrom: null,
      journalSeq: 0,
    });
  });

  it('migrates a file written before schema versions to the current layout', () => {
    const { state, migratedFrom } = load(JSON.stringify(versionZeroFile));
    expect(migratedFrom).toBe(0);
    expect(state.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(state.people['slack:UADMIN']).toEqual({
      id: 'slack:UADMIN',
      name: null,
      role: 'system-admin',
      since: now.toISOString(),
    });
    expect(state.provider.current).toBe('hangouts');
    expect(state.requests.r7).toEqual(aRequest({ id: 'r7' }));
    expect(state.installs.jira).toMatchObject({ status: 'enabled', keptUntil: null, disabledBy: null });
    expect(state.counters).toEqual({ request: 1, notice: 0 });
    expect(state.outbox).toEqual([]);
  });

  it('builds the request indexes when migrating a version 1 file', () => {
    const open = aRequest({ id: 'r1', integrationId: 'jira', state: 'open' });
    const decided = aRequest({ id: 'r2', integrationId: 'zoom', state: 'denied' });
    const v1 = { ...emptyState(), schemaVersion: 1, requests: { r1: open, r2: decided } } as Record<
      string,
      unknown
    >;
    delete v1.openRequests;
    delete v1.personRequests;
    const { state, migratedFrom } = load(JSON.stringify(v1));
    expect(migratedFrom).toBe(1);
    expect(state.openRequests).toEqual({ jira: 'r1' });
    const requesters = [...open.requesters, ...decided.requesters].map((r) => r.personId);
    for (const person of requesters) expect(state.personRequests[person]).toBeDefined();
    expect(Object.values(state.personRequests).flat().sort()).toEqual(['r1', 'r2']);
  });

  it('reads a countdown written before countdowns had a kind as a deadline countdown, and keeps a time-box one', () => {
    const deadline = {
      variant: 'reminder',
      integrationIds: ['jira'],
      createdAt: '2027-02-01T00:00:00.000Z',
      refreshedOn: '2027-02-01',
    };
    const timeBox = {
      kind: 'time-box',
      integrationId: 'zoom',
      endsAt: '2027-04-01T00:00:00.000Z',
      createdAt: '2027-03-25T00:00:00.000Z',
      refreshedOn: '2027-03-25',
    };
    const file = { ...emptyState(), countdowns: { old: deadline, box: timeBox } };
    const { state } = load(JSON.stringify(file));
    expect(state.countdowns.old).toEqual({ kind: 'deadline', ...deadline });
    expect(state.countdowns.box).toEqual(timeBox);
    // A time-box countdown without its time box is not read as a deadline one.
    const broken = { ...emptyState(), countdowns: { box: { ...timeBox, endsAt: undefined } } };
    expect(failureOf(() => load(JSON.stringify(broken)))).toMatchObject({ code: 'store-invalid' });
  });

  it('refuses a file written by a newer version, saying so', () => {
    const error = failureOf(() =>
      load(JSON.stringify({ ...emptyState(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 })),
    );
    expect(error).toMatchObject({ code: 'store-too-new' });
    expect(error.message).toContain('/data/state.json');
    expect(error.message).toContain(`schema version ${CURRENT_SCHEMA_VERSION + 1}`);
    expect(error.message).toContain('newer version of the bot');
  });

  it.each([
    ['torn JSON', '{"schemaVersion":1,"peo', 'not valid JSON'],
    ['an empty file', '', 'not valid JSON'],
    ['an array', '[]', 'does not hold a JSON object'],
    ['a text schemaVersion', '{"schemaVersion":"1"}', 'schemaVersion "1" is not a whole number'],
  ])('refuses %s with a clear message', (_name, text, problem) => {
    const error = failureOf(() => load(text));
    expect(isStoreError(error, 'store-invalid')).toBe(true);
    expect(error.message).toContain('Cannot load /data/state.json');
    expect(error.message).toContain(problem);
  });

  it('names the first problem of a file that fails the schema, keeping the zod error as cause', () => {
    const state = { ...emptyState(), requests: { r1: { ...aRequest(), state: 'maybe' } } };
    const error = failureOf(() => load(JSON.stringify(state)));
    expect(error).toMatchObject({ code: 'store-invalid' });
    expect(error.message).toContain('requests.r1.state');
    expect(error.cause).toBeDefined();
  });
});

describe('createFileStore on an existing file', () => {
  it('migrates an older file, saves it in the current layout and keeps a copy of the original', async () => {
    const dataDir = await tempDir();
    const original = JSON.stringify(versionZeroFile);
    await writeFile(join(dataDir, STATE_FILE_NAME), original);
    const store = await createFileStore({ dataDir, clock: fixedClock(now) });
    await store.close();
    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8'));
    expect(State.parse(saved).people['slack:UADMIN']?.role).toBe('system-admin');
    expect(await readFile(join(dataDir, `${STATE_FILE_NAME}.v0.bak`), 'utf8')).toBe(original);
  });

  it('refuses to start on a corrupted file, naming it, and leaves the file and the lock alone', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, STATE_FILE_NAME);
    await writeFile(file, '{"schemaVersion": 1, "people": ');
    await expect(createFileStore({ dataDir })).rejects.toMatchObject({
      code: 'store-invalid',
      message: expect.stringContaining(file),
    });
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "people": ');
    // The failed start released the lock: a fixed file opens.
    await writeFile(file, JSON.stringify(emptyState()));
    await (await createFileStore({ dataDir })).close();
  });

  it('refuses a file from a newer version', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify({ schemaVersion: 99 }));
    await expect(createFileStore({ dataDir })).rejects.toMatchObject({ code: 'store-too-new' });
  });
});
