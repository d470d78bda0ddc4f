/**
 * docs/performance.md: p99 answer time under 50 ms at 200 requests/s on a 2-core machine, local fakes for
 * Slack and Teams.
 *
 * The bot runs in this process; a forked child sends an open-loop mix of Slack mentions, slash
 * commands and Teams messages at a fixed rate (each request at its scheduled time, whatever the
 * earlier ones did) and hosts the fake Slack Web API and Bot Connector.
 *
 * `--store=postgres` runs the bot on a fresh PostgreSQL database (bench/lib/store.ts);
 * `--replicas=2` runs two bot processes on it, the driver sending requests to them in turn.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ServerGroup, startServerGroup } from '../lib/server-process.js';
import { benchStore, openBenchDatabases } from '../lib/store.js';
import { startDriver } from './support/driver-client.js';
import type { Op, OpResult } from './support/protocol.js';
import { createVerdicts, machineLoad, sleep, summarize, table } from './support/report.js';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = 10;
const WARMUP_RATE = 50;
const WARMUP_SECONDS = 3;
const BUDGET_MS = 50;
const TEXTS = [
  'help',
  'integrations',
  'request jira',
  'request zoom because we meet there',
  'my requests',
  'help',
];
const CHANNELS: Op['channel'][] = ['slack-mention', 'slack-command', 'teams-message'];

/** A deterministic mix: channels round-robin, 60 people per platform, commands cycling. */
function mix(group: ServerGroup, count: number, offset: number): Op[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const channel = CHANNELS[i % CHANNELS.length] as Op['channel'];
    const person = Math.floor(i / CHANNELS.length) % 60;
    const user = channel === 'teams-message' ? `p${person}` : `U${String(person).padStart(5, '0')}LOAD`;
    return { base: group.url(k), channel, user, text: TEXTS[Math.floor(i / 7) % TEXTS.length] as string };
  });
}

function rowsBy(ops: Op[], results: OpResult[]): (string | number)[][] {
  const groups = new Map<string, OpResult[]>([['all', results]]);
  results.forEach((r, i) => {
    const key = ops[i]?.channel ?? '?';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  });
  return [...groups].flatMap(([name, list]) => {
    const ok = list.filter((r) => r.ok);
    const response = summarize(ok.map((r) => r.responseMs));
    const answer = summarize(ok.map((r) => r.answerMs));
    return [
      [
        `${name}: HTTP response`,
        list.length,
        list.length - ok.length,
        response.p50,
        response.p95,
        response.p99,
        response.max,
      ],
      [
        `${name}: first reply`,
        list.length,
        list.length - ok.length,
        answer.p50,
        answer.p95,
        answer.p99,
        answer.max,
      ],
    ];
  });
}

async function main(): Promise<void> {
  const driver = await startDriver();
  console.log(`machine at start: ${machineLoad()}`);
  // The compiled bot in its own process, as `npm start` runs it; its CPU is read from /proc.
  const dataDir = mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'bench-load-'));
  const store = benchStore();
  const databases = store.kind === 'postgres' ? await openBenchDatabases() : null;
  const database = await databases?.create();
  const ours = await startServerGroup({
    side: 'ours',
    slackApiUrl: driver.slackApiUrl,
    dataDir,
    admins: 'slack:UADMIN',
    profileDir: process.env.BENCH_PROFILE,
    count: store.replicas,
    env: database ? { DATABASE_URL: database.url } : {},
  });
  await driver.openLoop(mix(ours, WARMUP_RATE * WARMUP_SECONDS, 100_000), WARMUP_RATE);
  await sleep(500);
  const ops = mix(ours, RATE * SECONDS, 0);
  const cpu = ours.cpuMs();
  const wall = performance.now();
  const { results, sendLagMs, driverBusy } = await driver.openLoop(ops, RATE);
  const busy = (ours.cpuMs() - cpu) / (performance.now() - wall);
  const ok = results.filter((r) => r.ok);
  const response = summarize(ok.map((r) => r.responseMs));
  const answer = summarize(ok.map((r) => r.answerMs));
  const lag = summarize(sendLagMs);
  console.log(
    `\nOpen-loop load: ${ops.length} requests at ${RATE}/s (${SECONDS} s) after ${WARMUP_SECONDS} s at ${WARMUP_RATE}/s`,
  );
  console.log("times from each request's scheduled send time; first reply = reached the fake platform\n");
  console.log(
    table(['what', 'requests', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rowsBy(ops, results)),
  );
  console.log(
    `\nserver CPU${store.replicas > 1 ? ` (${store.replicas} replicas, summed)` : ''}: ${(busy * 100).toFixed(0)}% of one core (${((busy * 1000) / RATE).toFixed(2)} ms per request); load driver CPU: ${(driverBusy * 100).toFixed(0)}%; send lag p99 ${lag.p99.toFixed(2)} ms`,
  );
  console.log(`machine at end: ${machineLoad()}`);
  const verdicts = createVerdicts('load-p99');
  verdicts.check({
    budget: 'every request answered',
    pass: ok.length === results.length,
    measured: `${results.length - ok.length} failed of ${results.length}`,
  });
  verdicts.check({
    budget: `p99 HTTP answer time < ${BUDGET_MS} ms at ${RATE} req/s`,
    pass: response.p99 < BUDGET_MS,
    measured: `${response.p99.toFixed(2)} ms`,
  });
  verdicts.check({
    budget: `p99 first reply delivered < ${BUDGET_MS} ms at ${RATE} req/s`,
    pass: answer.p99 < BUDGET_MS,
    measured: `${answer.p99.toFixed(2)} ms`,
  });
  verdicts.finish();
  driver.stop();
  await ours.stop();
  await databases?.dropAll();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}

await main();
