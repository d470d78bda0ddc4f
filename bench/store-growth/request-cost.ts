/**
 * SPEC §10: the cost of one request stays flat as data grows: at 100,000 audit entries and
 * 10,000 requests within 1.5× of an empty store.
 *
 * Two bots, each in its own process (its own heap and GC), one on an empty data directory and
 * one on a seeded one, answer the same mix of requests over HTTP in interleaved blocks; a third
 * process holds the client and the fake Slack Web API and Bot Connector.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Driver, startDriver } from '../channels/support/driver-client.js';
import type { Op, OpResult } from '../channels/support/protocol.js';
import { createVerdicts, sleep, summarize, table } from '../channels/support/report.js';
import { seedDataDir } from './support/seed.js';

const BUDGET = 1.5;
const REQUESTS = 10_000;
const AUDIT_ENTRIES = 100_000;
const WARMUP = 60;
const BLOCK = 40;
const ROUNDS = 8;
const TIME_LIMIT_MS = 40_000;
const SERVER = fileURLToPath(new URL('./support/server.ts', import.meta.url));

/** The measured mix, one entry per op kind; users are new in every block, as a growing team. */
const KINDS: { label: string; channel: Op['channel']; text: string }[] = [
  { label: 'Teams "request jira …"', channel: 'teams-message', text: 'request jira because we track bugs' },
  { label: 'Slack /integrations request zoom', channel: 'slack-command', text: 'request zoom' },
  { label: 'Slack mention "help"', channel: 'slack-mention', text: 'help' },
  { label: 'Teams "integrations"', channel: 'teams-message', text: 'integrations' },
  { label: 'Slack /integrations my requests', channel: 'slack-command', text: 'my requests' },
];

interface Server {
  name: string;
  url: string;
  startMs: number;
  ask<T>(type: 'cpu' | 'log'): Promise<T>;
  child: ChildProcess;
}
interface Sample {
  results: { kind: number; result: OpResult }[];
  cpuMs: number;
  heapMb: number;
}

async function startServer(name: string, dataDir: string, driver: Driver): Promise<Server> {
  const child = fork(SERVER, [dataDir, driver.slackApiUrl], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
  });
  const ready = await new Promise<{ url: string; startMs: number }>((resolve, reject) => {
    child.once('message', (m: { url: string; startMs: number }) => resolve(m));
    child.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
  const ask = <T>(type: 'cpu' | 'log') =>
    new Promise<T>((resolve) => {
      child.once('message', (m: T) => resolve(m));
      child.send({ type });
    });
  return { name, ...ready, ask, child };
}

function block(base: string, size: number, tag: string): { ops: Op[]; kinds: number[] } {
  const kinds = Array.from({ length: size }, (_, k) => k % KINDS.length);
  const ops = kinds.map((kind, k) => {
    const { channel, text } = KINDS[kind] as (typeof KINDS)[number];
    const user = channel === 'teams-message' ? `${tag}x${k}` : `U${tag}X${k}`.toUpperCase();
    return { base, channel, user, text };
  });
  return { ops, kinds };
}

async function measure(input: { driver: Driver; server: Server; tag: string; into: Sample }): Promise<void> {
  const { ops, kinds } = block(input.server.url, BLOCK, input.tag);
  const before = await input.server.ask<{ ms: number }>('cpu');
  const { results } = await input.driver.sequential(ops);
  await sleep(30); // trailing writes and outbox sends land in this block
  const after = await input.server.ask<{ ms: number; heapMb: number }>('cpu');
  input.into.cpuMs += after.ms - before.ms;
  input.into.heapMb = after.heapMb;
  results.forEach((result, i) => {
    input.into.results.push({ kind: kinds[i] as number, result });
  });
}

async function main(): Promise<void> {
  const driver = await startDriver();
  const emptyDir = mkdtempSync(join(tmpdir(), 'bench-empty-'));
  const seededDir = mkdtempSync(join(tmpdir(), 'bench-seeded-'));
  const seedStart = performance.now();
  seedDataDir({ dataDir: seededDir, requests: REQUESTS, auditEntries: AUDIT_ENTRIES });
  console.log(
    `seeded ${REQUESTS} requests and ${AUDIT_ENTRIES} audit entries in ${(performance.now() - seedStart).toFixed(0)} ms`,
  );
  const servers = [
    await startServer('empty', emptyDir, driver),
    await startServer('seeded', seededDir, driver),
  ];
  const samples = new Map(servers.map((s) => [s.name, { results: [], cpuMs: 0, heapMb: 0 } as Sample]));
  for (const server of servers) await driver.sequential(block(server.url, WARMUP, `w${server.name}`).ops);
  const started = performance.now();
  let rounds = 0;
  while (rounds < ROUNDS && performance.now() - started < TIME_LIMIT_MS) {
    const order = Math.random() < 0.5 ? servers : [...servers].reverse();
    for (const server of order)
      await measure({
        driver,
        server,
        tag: `r${rounds}${server.name[0]}`,
        into: samples.get(server.name) as Sample,
      });
    rounds += 1;
  }
  await report({ servers, samples, rounds });
  driver.stop();
  for (const server of servers) server.child.send({ type: 'stop' });
  await sleep(300);
  rmSync(emptyDir, { recursive: true, force: true });
  rmSync(seededDir, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}

async function report(input: {
  servers: Server[];
  samples: Map<string, Sample>;
  rounds: number;
}): Promise<void> {
  const [empty, seeded] = input.servers.map((server) => {
    const sample = input.samples.get(server.name) as Sample;
    const ok = sample.results.filter((r) => r.result.ok);
    const perKind = KINDS.map((_, kind) =>
      summarize(ok.filter((r) => r.kind === kind).map((r) => r.result.answerMs)),
    );
    return {
      server,
      sample,
      ok,
      all: summarize(ok.map((r) => r.result.answerMs)),
      perKind,
      cpu: sample.cpuMs / Math.max(1, sample.results.length),
    };
  }) as [Stats, Stats];
  console.log(
    `\nRequest cost: ${input.rounds} interleaved rounds of ${BLOCK} requests per store, after ${WARMUP} warm-up requests`,
  );
  console.log(
    "answer = until the first reply reached the fake platform; CPU = the bot process's time per request\n",
  );
  console.log(
    table(
      ['store', 'requests', 'failed', 'mean ms', 'p50 ms', 'p99 ms', 'CPU ms/req', 'start-up ms', 'heap MB'],
      [empty, seeded].map((s) => [
        s.server.name,
        s.sample.results.length,
        s.sample.results.length - s.ok.length,
        s.all.mean,
        s.all.p50,
        s.all.p99,
        s.cpu,
        s.server.startMs,
        s.sample.heapMb,
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['request', 'empty mean ms', 'seeded mean ms', 'seeded/empty'],
      KINDS.map((k, i) => [
        k.label,
        empty.perKind[i]?.mean ?? 0,
        seeded.perKind[i]?.mean ?? 0,
        (seeded.perKind[i]?.mean ?? 0) / (empty.perKind[i]?.mean || 1),
      ]),
    ),
  );
  for (const s of [empty, seeded]) {
    const log = await s.server.ask<{ warnings: number; errors: number; last: string | null }>('log');
    console.log(
      `${s.server.name} bot log: ${log.warnings} warning(s), ${log.errors} error(s)${log.errors ? `; last: ${log.last}` : ''}`,
    );
  }
  console.log('');
  const verdicts = createVerdicts('store-growth');
  const cpuRatio = seeded.cpu / empty.cpu;
  const timeRatio = seeded.all.mean / empty.all.mean;
  verdicts.check({
    budget: 'every request answered',
    pass: empty.ok.length + seeded.ok.length === empty.sample.results.length + seeded.sample.results.length,
    measured: `${empty.sample.results.length - empty.ok.length} + ${seeded.sample.results.length - seeded.ok.length} failed`,
  });
  verdicts.check({
    budget: `CPU per request at ${REQUESTS} requests / ${AUDIT_ENTRIES} audit entries ≤ ${BUDGET}× empty`,
    pass: cpuRatio <= BUDGET,
    measured: `${cpuRatio.toFixed(2)}×`,
  });
  verdicts.check({
    budget: `mean answer time at ${REQUESTS} requests / ${AUDIT_ENTRIES} audit entries ≤ ${BUDGET}× empty`,
    pass: timeRatio <= BUDGET,
    measured: `${timeRatio.toFixed(2)}×`,
  });
  verdicts.finish();
}

type Stats = {
  server: Server;
  sample: Sample;
  ok: Sample['results'];
  all: ReturnType<typeof summarize>;
  perKind: ReturnType<typeof summarize>[];
  cpu: number;
};

await main();
