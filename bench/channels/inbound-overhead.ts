/**
 * docs/performance.md: handling an inbound Slack event or Teams activity costs at most 1.25× what bare Bolt /
 * bare botbuilder cost for the same payload, measured side by side in one run; and memory after
 * warm-up within 1.5× of the bare frameworks' server.
 *
 * Two server processes, each started as `npm start` starts the bot: the compiled bot on an empty
 * data directory, and the bare frameworks' server (bench/bare/server.mjs: a slash command answered
 * in its ack body, an event with one chat.postMessage, a Teams message with one reply). A third
 * process, the load driver, holds the client and the fake Slack Web API and Bot Connector. Each
 * case runs at saturation (a fixed number of requests in flight), bare and ours alternating in
 * random order round after round; CPU is read from /proc for the process that owns the socket.
 *
 * `--store=postgres` runs the bot on a fresh PostgreSQL database (bench/lib/store.ts), and
 * `--replicas=2` runs two bot processes on that one database, the driver sending their requests in
 * turn (round-robin): CPU is then summed over both, per answer, and memory is the larger one's.
 * The database server's CPU per answer is printed beside (not in the verdict: the bare servers
 * keep nothing). The PostgreSQL runs are shorter (fewer rounds, less time), to keep
 * `npm run bench` near ten minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ServerGroup, type Side, startServerGroup } from '../lib/server-process.js';
import { type BenchDatabases, benchStore, openBenchDatabases } from '../lib/store.js';
import { startDriver } from './support/driver-client.js';
import type { Op, OpResult } from './support/protocol.js';
import { createVerdicts, machineLoad, sleep, summarize, table } from './support/report.js';

const BUDGET = 1.25;
const MEMORY_BUDGET = 1.5;
const WARMUP = 300;
const BLOCK = 200;
const IN_FLIGHT = 8;
const STORE = benchStore();
const MAX_ROUNDS = STORE.kind === 'lowdb' ? 8 : 4;
const TIME_LIMIT_MS = STORE.kind === 'lowdb' ? 70_000 : 30_000;
const USERS = Array.from({ length: 50 }, (_, i) => `U${String(i).padStart(4, '0')}BENCH`);

interface Case {
  name: string;
  channel: Op['channel'];
  text: string;
}
interface Sample {
  answers: number[];
  cpuMs: number;
  /** The embedded PostgreSQL server's CPU over the same blocks (ours on PostgreSQL only). */
  dbCpuMs: number;
  count: number;
  failures: number;
}

const CASES: Case[] = [
  { name: 'Slack /integrations help', channel: 'slack-command', text: 'help' },
  { name: 'Slack message.im "integrations"', channel: 'slack-dm', text: 'integrations' },
  { name: 'Slack app_mention "help"', channel: 'slack-mention', text: 'help' },
  { name: 'Teams personal "help"', channel: 'teams-message', text: 'help' },
];

const ops = (group: ServerGroup, c: Case, count: number): Op[] =>
  Array.from({ length: count }, (_, i) => ({
    base: group.url(i),
    channel: c.channel,
    user: USERS[i % USERS.length] as string,
    text: c.text,
  }));

async function measure(
  server: ServerGroup,
  run: () => Promise<{ results: OpResult[] }>,
  into: Sample,
): Promise<void> {
  const cpu = server.cpuMs();
  const { results } = await run();
  await sleep(30); // let trailing work (a reply's own response, a pending write) land in this block
  into.cpuMs += server.cpuMs() - cpu;
  into.count += results.length;
  for (const r of results) {
    if (r.ok) into.answers.push(r.answerMs);
    else into.failures += 1;
  }
}

const emptySample = (): Sample => ({ answers: [], cpuMs: 0, dbCpuMs: 0, count: 0, failures: 0 });

async function main(): Promise<void> {
  console.log(`machine at start: ${machineLoad()}`);
  const driver = await startDriver();
  const dirs = {
    bare: mkdtempSync(join(tmpdir(), 'bench-bare-')),
    ours: mkdtempSync(join(tmpdir(), 'bench-ours-')),
  };
  const databases: BenchDatabases | null = STORE.kind === 'postgres' ? await openBenchDatabases() : null;
  const database = await databases?.create();
  const servers: Record<Side, ServerGroup> = {
    bare: await startServerGroup({ side: 'bare', slackApiUrl: driver.slackApiUrl, dataDir: dirs.bare }),
    ours: await startServerGroup({
      side: 'ours',
      slackApiUrl: driver.slackApiUrl,
      dataDir: dirs.ours,
      profileDir: process.env.BENCH_PROFILE,
      count: STORE.replicas,
      env: database ? { DATABASE_URL: database.url } : {},
    }),
  };
  const samples = new Map(
    CASES.flatMap((c) => [`${c.name}|bare`, `${c.name}|ours`].map((k) => [k, emptySample()])),
  );
  for (const c of CASES) {
    for (const side of ['bare', 'ours'] as const)
      await driver.concurrent(ops(servers[side], c, WARMUP), IN_FLIGHT);
  }
  const started = performance.now();
  let rounds = 0;
  while (rounds < MAX_ROUNDS && performance.now() - started < TIME_LIMIT_MS) {
    for (const c of CASES) {
      const sides = Math.random() < 0.5 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const);
      for (const side of sides) {
        const server = servers[side];
        const sample = samples.get(`${c.name}|${side}`) as Sample;
        const db = side === 'ours' ? databases?.cpuMs() : null;
        await measure(server, () => driver.concurrent(ops(server, c, BLOCK), IN_FLIGHT), sample);
        if (typeof db === 'number') sample.dbCpuMs += (databases?.cpuMs() ?? db) - db;
      }
    }
    rounds += 1;
  }
  const rss = { bare: servers.bare.rssMiB(), ours: servers.ours.rssMiB() };
  report({ samples, rounds, rss });
  console.log(`machine at end: ${machineLoad()}`);
  driver.stop();
  await Promise.all([servers.bare.stop(), servers.ours.stop()]);
  await databases?.dropAll();
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}

function report(input: { samples: Map<string, Sample>; rounds: number; rss: Record<Side, number> }): void {
  const rows: (string | number)[][] = [];
  const verdicts = createVerdicts('inbound-overhead');
  const ratios: { name: string; cpu: [number, number]; latency: [number, number] }[] = [];
  for (const c of CASES) {
    const [bare, ours] = (['bare', 'ours'] as const).map((side) => {
      const sample = input.samples.get(`${c.name}|${side}`) as Sample;
      const s = summarize(sample.answers);
      const cpu = sample.cpuMs / Math.max(1, sample.count);
      const db =
        STORE.kind === 'postgres' ? [side === 'ours' ? sample.dbCpuMs / Math.max(1, sample.count) : '–'] : [];
      const who = side === 'ours' && STORE.tag ? `ours ${STORE.tag}` : side;
      rows.push([`${c.name} — ${who}`, sample.count, sample.failures, s.mean, s.p50, s.p99, cpu, ...db]);
      return { s, cpu };
    }) as [
      { s: ReturnType<typeof summarize>; cpu: number },
      { s: ReturnType<typeof summarize>; cpu: number },
    ];
    ratios.push({ name: c.name, cpu: [ours.cpu, bare.cpu], latency: [ours.s.mean, bare.s.mean] });
  }
  console.log(
    `\nInbound overhead: ${input.rounds} alternating rounds of ${BLOCK} requests per case and side, ${IN_FLIGHT} in flight, after ${WARMUP} warm-up requests`,
  );
  console.log(
    'answer = until the reply reached the fake platform (or the ack carrying it); CPU = server process, all threads\n',
  );
  if (STORE.kind === 'postgres')
    console.log(
      `bot on PostgreSQL, ${STORE.replicas} replica(s) on one database${STORE.replicas > 1 ? ', requests in turn, CPU summed over them' : ''}; database CPU = the embedded PostgreSQL server's (not in the verdicts)\n`,
    );
  const headers = ['case', 'requests', 'failed', 'mean ms', 'p50 ms', 'p99 ms', 'CPU ms/answer'];
  console.log(table(STORE.kind === 'postgres' ? [...headers, 'database CPU ms/answer'] : headers, rows, 3));
  console.log('');
  for (const r of ratios) {
    const [ours, bare] = r.cpu;
    verdicts.check({
      budget: `${r.name}: CPU per answer ≤ ${BUDGET}× bare`,
      pass: ours <= BUDGET * bare,
      measured: `${(ours / bare).toFixed(2)}×`,
      ours: `${ours.toFixed(3)} ms`,
      bare: `${bare.toFixed(3)} ms`,
    });
    console.log(
      `  (mean answer time ${r.latency[0].toFixed(2)} ms vs ${r.latency[1].toFixed(2)} ms: ${(r.latency[0] / r.latency[1]).toFixed(2)}×)`,
    );
  }
  verdicts.check({
    budget: `RSS after warm-up ≤ ${MEMORY_BUDGET}× the bare frameworks' server${STORE.replicas > 1 ? ' (the larger replica)' : ''}`,
    pass: input.rss.ours <= MEMORY_BUDGET * input.rss.bare,
    measured: `${(input.rss.ours / input.rss.bare).toFixed(2)}×`,
    ours: `${input.rss.ours.toFixed(0)} MiB`,
    bare: `${input.rss.bare.toFixed(0)} MiB`,
  });
  verdicts.finish();
}

await main();
