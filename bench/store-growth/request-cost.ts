/**
 * docs/performance.md: the cost of one request stays flat as data grows: at 100,000 audit entries and
 * 10,000 requests from 10,000 different members (filled through the public surface, as people
 * would), within 1.5× of an empty store.
 *
 * The fill: the compiled bot on a fresh data directory, sent signed Slack requests over HTTP by
 * the load driver (10,000 members each asking for an integration in a direct message, an admin
 * denying each integration's request every 40 askers, then group changes by the admin until the
 * audit history holds 100,000 entries), in parallel and bounded in time; done once per run.
 * Then two fresh bot processes, one on the filled directory and one on an empty one, answer the
 * same requests side by side in alternating blocks: `request <name>` by a new member, the
 * `integrations` list, and an admin's decision (`deny <name> because …`) on the requests just
 * made. CPU is the server process's (from /proc), times until the answer reached the fake.
 *
 * `--store=postgres`: the same on PostgreSQL (bench/lib/store.ts), the filled store and the empty
 * one each a fresh database on the benchmark's own server, what the fill reached counted in its
 * tables. Its fill is smaller by default (POSTGRES_TARGET; the same BENCH_* knobs change it) and
 * its measure shorter, to keep `npm run bench` near ten minutes; the verdicts name the sizes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Driver, startDriver } from '../channels/support/driver-client.js';
import type { Op, OpResult } from '../channels/support/protocol.js';
import { createVerdicts, machineLoad, sleep, summarize, table } from '../channels/support/report.js';
import { type ServerProcess, startServer } from '../lib/server-process.js';
import { type BenchDatabases, benchStore, countRows, openBenchDatabases } from '../lib/store.js';
import { ADMIN, fillThroughHttp, INTEGRATIONS } from './support/fill.js';

const BUDGET = 1.5;
const STORE = benchStore();
/**
 * The PostgreSQL fill's default sizes, far below SPEC §10's (10,000 members, 100,000 audit
 * entries): through HTTP, each change is a transaction under the store's lock, and the full fill
 * would take several minutes on a 2-core machine; the verdicts name the sizes.
 */
const POSTGRES_TARGET = { members: 1_000, auditEntries: 3_000, timeLimitMs: 120_000 };
const DEFAULT_TARGET =
  STORE.kind === 'lowdb' ? { members: 10_000, auditEntries: 100_000, timeLimitMs: 150_000 } : POSTGRES_TARGET;
const TARGET = {
  members: Number(process.env.BENCH_MEMBERS ?? DEFAULT_TARGET.members),
  auditEntries: Number(process.env.BENCH_AUDIT ?? DEFAULT_TARGET.auditEntries),
  timeLimitMs: Number(process.env.BENCH_FILL_MS ?? DEFAULT_TARGET.timeLimitMs),
};
const ROUNDS = STORE.kind === 'lowdb' ? 6 : 3;
const PER_KIND = 30;
const TIME_LIMIT_MS = STORE.kind === 'lowdb' ? 60_000 : 30_000;

type Kind = 'request' | 'integrations' | 'decision';
const KINDS: Kind[] = ['request', 'integrations', 'decision'];
const LABEL: Record<Kind, string> = {
  request: '`request <name>` by a new member (DM)',
  integrations: '`integrations` (DM)',
  decision: '`deny <name> because …` by an admin (slash)',
};

interface Sample {
  answers: number[];
  cpuMs: number;
  count: number;
  failures: number;
}
type Store = 'empty' | 'filled';

/** The ops of one kind for one block; new members every block, on both stores alike. */
function opsFor(kind: Kind, base: string, tag: string): Op[] {
  if (kind === 'decision')
    return INTEGRATIONS.map((name) => ({
      base,
      channel: 'slack-command',
      user: ADMIN,
      text: `deny ${name} because measured`,
    }));
  return Array.from({ length: PER_KIND }, (_, i) => ({
    base,
    channel: 'slack-dm',
    user: `UN${tag}X${i}`.toUpperCase(),
    text:
      kind === 'request'
        ? `request ${INTEGRATIONS[i % INTEGRATIONS.length]} because new here`
        : 'integrations',
  }));
}

async function measure(driver: Driver, server: ServerProcess, ops: Op[], into: Sample): Promise<void> {
  const cpu = server.cpuMs();
  const { results } = await driver.sequential(ops);
  await sleep(30);
  into.cpuMs += server.cpuMs() - cpu;
  into.count += results.length;
  for (const r of results as OpResult[]) {
    if (r.ok) into.answers.push(r.answerMs);
    else into.failures += 1;
  }
}

/** Where a store lives: a data directory, or a PostgreSQL database (its URL). */
interface Place {
  dataDir: string;
  databaseUrl: string | null;
}

const storeEnv = (place: Place): Record<string, string> =>
  place.databaseUrl ? { DATABASE_URL: place.databaseUrl } : {};

async function recordsOf(place: Place): Promise<{ requests: number; people: number }> {
  if (!place.databaseUrl) return recordsIn(place.dataDir);
  return {
    requests: await countRows(place.databaseUrl, 'requests'),
    people: await countRows(place.databaseUrl, 'people'),
  };
}

function recordsIn(dataDir: string): { requests: number; people: number } {
  const state = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
    requests: object;
    people: object;
  };
  return { requests: Object.keys(state.requests).length, people: Object.keys(state.people).length };
}

async function fill(driver: Driver, place: Place) {
  const filler = await startServer({
    side: 'ours',
    slackApiUrl: driver.slackApiUrl,
    dataDir: place.dataDir,
    admins: `slack:${ADMIN}`,
    profileDir: process.env.BENCH_PROFILE,
    env: storeEnv(place),
  });
  const { databaseUrl } = place;
  const filled = await fillThroughHttp({
    driver,
    base: filler.url,
    dataDir: place.dataDir,
    countAudit: databaseUrl ? () => countRows(databaseUrl, 'audit') : undefined,
    target: TARGET,
  });
  await filler.stop();
  const records = await recordsOf(place);
  console.log(
    `filled through HTTP in ${(filled.ms / 1000).toFixed(1)} s: ${filled.members} members' requests (${records.requests} request records, ${records.people} people), ${filled.auditEntries} audit entries${filled.complete ? '' : ` — STOPPED at the ${TARGET.timeLimitMs / 1000} s limit`}`,
  );
  return { ...filled, ...records };
}

async function main(): Promise<void> {
  console.log(`machine at start: ${machineLoad()}`);
  const driver = await startDriver();
  // BENCH_FILLED_DIR (lowdb only): a directory filled before is measured as it is; one that
  // holds no state yet is filled, and kept for the next run.
  const keptDir = STORE.kind === 'lowdb' ? process.env.BENCH_FILLED_DIR : undefined;
  const filledBefore = keptDir && existsSync(join(keptDir, 'state.json')) ? keptDir : undefined;
  if (keptDir) mkdirSync(keptDir, { recursive: true });
  const dirs: Record<Store, string> = {
    empty: mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'bench-empty-')),
    filled: keptDir ?? mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'bench-filled-')),
  };
  const databases: BenchDatabases | null = STORE.kind === 'postgres' ? await openBenchDatabases() : null;
  const places: Record<Store, Place> = {
    empty: { dataDir: dirs.empty, databaseUrl: (await databases?.create())?.url ?? null },
    filled: { dataDir: dirs.filled, databaseUrl: (await databases?.create())?.url ?? null },
  };
  const filled = filledBefore
    ? { complete: true, ms: 0, auditEntries: -1, members: -1, ...recordsIn(dirs.filled) }
    : await fill(driver, places.filled);
  const servers = {} as Record<Store, ServerProcess>;
  for (const store of ['empty', 'filled'] as const)
    servers[store] = await startServer({
      side: 'ours',
      slackApiUrl: driver.slackApiUrl,
      dataDir: dirs[store],
      admins: `slack:${ADMIN}`,
      profileDir: store === 'filled' ? process.env.BENCH_PROFILE : undefined,
      env: storeEnv(places[store]),
    });
  // The empty store gets its admin channel too, so both send admin cards alike.
  await driver.sequential([
    { base: servers.empty.url, channel: 'slack-command', user: ADMIN, text: 'notify here' },
  ]);
  const samples = new Map<string, Sample>();
  const sample = (store: Store, kind: Kind) => {
    const key = `${store}|${kind}`;
    if (!samples.has(key)) samples.set(key, { answers: [], cpuMs: 0, count: 0, failures: 0 });
    return samples.get(key) as Sample;
  };
  for (const store of ['empty', 'filled'] as const)
    for (const kind of KINDS) await driver.sequential(opsFor(kind, servers[store].url, `w${store[0]}`));
  const started = performance.now();
  let rounds = 0;
  while (rounds < ROUNDS && performance.now() - started < TIME_LIMIT_MS) {
    const order: Store[] = Math.random() < 0.5 ? ['empty', 'filled'] : ['filled', 'empty'];
    for (const kind of KINDS)
      for (const store of order)
        await measure(
          driver,
          servers[store],
          opsFor(kind, servers[store].url, `r${rounds}${store[0]}`),
          sample(store, kind),
        );
    rounds += 1;
  }
  report({
    samples: (store, kind) => sample(store, kind),
    rounds,
    filled,
    startMs: { empty: servers.empty.coldStartMs, filled: servers.filled.coldStartMs },
  });
  console.log(`machine at end: ${machineLoad()}`);
  driver.stop();
  await Promise.all([servers.empty.stop(), servers.filled.stop()]);
  await databases?.dropAll();
  for (const dir of [dirs.empty, keptDir ? null : dirs.filled])
    if (dir) rmSync(dir, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}

function report(input: {
  samples: (store: Store, kind: Kind) => Sample;
  rounds: number;
  filled: { complete: boolean; auditEntries: number; requests: number; people: number; members: number };
  startMs: Record<Store, number>;
}): void {
  const rows: (string | number)[][] = [];
  for (const kind of KINDS)
    for (const store of ['empty', 'filled'] as const) {
      const s = input.samples(store, kind);
      const sum = summarize(s.answers);
      rows.push([
        `${LABEL[kind]} — ${store}`,
        s.count,
        s.failures,
        sum.p50,
        sum.p99,
        s.cpuMs / Math.max(1, s.count),
      ]);
    }
  console.log(
    `\nStore growth${STORE.tag ? ` ${STORE.tag}` : ''}: ${input.rounds} alternating rounds, requests sent one at a time`,
  );
  console.log(table(['request', 'count', 'failed', 'p50 ms', 'p99 ms', 'CPU ms/answer'], rows, 3));
  console.log(
    `start-up to /healthz 200: empty ${input.startMs.empty.toFixed(0)} ms, filled ${input.startMs.filled.toFixed(0)} ms\n`,
  );
  const verdicts = createVerdicts('store-growth');
  const note = input.filled.complete ? '' : ' (fill stopped at its time limit)';
  for (const kind of KINDS) {
    const [empty, filled] = (['empty', 'filled'] as const).map((store) => {
      const s = input.samples(store, kind);
      return { cpu: s.cpuMs / Math.max(1, s.count), ...summarize(s.answers) };
    }) as unknown as [{ cpu: number; p50: number; p99: number }, { cpu: number; p50: number; p99: number }];
    verdicts.check({
      budget: `${LABEL[kind]}: CPU per answer, filled store ≤ ${BUDGET}× empty${note}`,
      pass: filled.cpu <= BUDGET * empty.cpu,
      measured: `${(filled.cpu / empty.cpu).toFixed(2)}×`,
      ours: `${filled.cpu.toFixed(3)} ms`,
      bare: `${empty.cpu.toFixed(3)} ms (empty)`,
    });
    verdicts.check({
      budget: `${LABEL[kind]}: p50 answer, filled store ≤ ${BUDGET}× empty${note}`,
      pass: filled.p50 <= BUDGET * empty.p50,
      measured: `${(filled.p50 / empty.p50).toFixed(2)}× (p99 ${(filled.p99 / empty.p99).toFixed(2)}×)`,
      ours: `${filled.p50.toFixed(2)} / ${filled.p99.toFixed(2)} ms`,
      bare: `${empty.p50.toFixed(2)} / ${empty.p99.toFixed(2)} ms (empty)`,
    });
  }
  verdicts.check({
    budget: `fill: ${TARGET.members.toLocaleString('en-US')} members' requests and ${TARGET.auditEntries.toLocaleString('en-US')} audit entries reached through HTTP`,
    pass: input.filled.complete,
    measured: `${input.filled.members} members, ${input.filled.requests} request records, ${input.filled.auditEntries} audit entries`,
  });
  verdicts.finish();
}

await main();
