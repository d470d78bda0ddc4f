/**
 * SPEC §10: handling an inbound Slack event or Teams activity costs at most 1.25× what bare Bolt /
 * bare botbuilder cost for the same payload, measured side by side in one run.
 *
 * Bare Bolt, bare botbuilder and the whole bot run in this process; a child process holds the
 * client and the fake Slack Web API and Bot Connector. Blocks of requests of each case are
 * interleaved round after round; each block's CPU time is this process's (all threads).
 */
import { performance } from 'node:perf_hooks';
import { startBareBolt, startBareBotbuilder } from './support/bare-servers.js';
import { startDriver } from './support/driver-client.js';
import { startOurBot } from './support/our-bot.js';
import type { Op, OpResult } from './support/protocol.js';
import { cpuMsSince, createVerdicts, sleep, summarize, table } from './support/report.js';

const BUDGET = 1.25;
const WARMUP = 150;
const BLOCK = 40;
const ROUNDS = 10;
const TIME_LIMIT_MS = 40_000;
const USERS = Array.from({ length: 20 }, (_, i) => `U${String(i).padStart(4, '0')}BENCH`);

type Channel = Op['channel'];
interface Case {
  name: string;
  channel: Channel;
  bare: string;
  ours: string;
}
interface Sample {
  answers: number[];
  cpuMs: number;
  count: number;
  failures: number;
}

const ops = (base: string, channel: Channel, count: number): Op[] =>
  Array.from({ length: count }, (_, i) => ({
    base,
    channel,
    user: USERS[i % USERS.length] as string,
    text: 'help',
  }));

async function measure(run: () => Promise<{ results: OpResult[] }>, into: Sample): Promise<void> {
  const cpu = process.cpuUsage();
  const { results } = await run();
  await sleep(20); // let trailing work (the reply's own response, a pending write) land in this block
  into.cpuMs += cpuMsSince(cpu);
  into.count += results.length;
  for (const r of results) {
    if (r.ok) into.answers.push(r.answerMs);
    else into.failures += 1;
  }
}

const emptySample = (): Sample => ({ answers: [], cpuMs: 0, count: 0, failures: 0 });

async function main(): Promise<void> {
  const driver = await startDriver();
  const bareBolt = await startBareBolt({ slackApiUrl: driver.slackApiUrl });
  const bareBotbuilder = await startBareBotbuilder();
  const ours = await startOurBot({ slackApiUrl: driver.slackApiUrl });
  const cases: Case[] = [
    { name: 'Slack app_mention "help"', channel: 'slack-mention', bare: bareBolt.url, ours: ours.url },
    { name: 'Slack /integrations help', channel: 'slack-command', bare: bareBolt.url, ours: ours.url },
    { name: 'Teams message "help"', channel: 'teams-message', bare: bareBotbuilder.url, ours: ours.url },
  ];
  const samples = new Map(
    cases.flatMap((c) => [
      [`${c.name}|bare`, emptySample()],
      [`${c.name}|ours`, emptySample()],
    ]),
  );
  for (const c of cases) {
    await driver.sequential(ops(c.bare, c.channel, WARMUP));
    await driver.sequential(ops(c.ours, c.channel, WARMUP));
  }
  const started = performance.now();
  let rounds = 0;
  while (rounds < ROUNDS && performance.now() - started < TIME_LIMIT_MS) {
    for (const c of cases) {
      const sides = Math.random() < 0.5 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const);
      for (const side of sides) {
        const sample = samples.get(`${c.name}|${side}`) as Sample;
        await measure(() => driver.sequential(ops(c[side], c.channel, BLOCK)), sample);
      }
    }
    rounds += 1;
  }
  report({ cases, samples, rounds });
  console.log(
    `bot log: ${ours.logger.warnings} warning(s), ${ours.logger.errors} error(s)${ours.logger.last ? `; last: ${ours.logger.last}` : ''}`,
  );
  driver.stop();
  await Promise.race([Promise.all([bareBolt.close(), bareBotbuilder.close(), ours.close()]), sleep(1_000)]);
  process.exit(process.exitCode ?? 0);
}

function report(input: { cases: Case[]; samples: Map<string, Sample>; rounds: number }): void {
  const rows: (string | number)[][] = [];
  const verdicts = createVerdicts('inbound-overhead');
  const ratios: { name: string; cpu: number; latency: number }[] = [];
  for (const c of input.cases) {
    const [bare, ours] = (['bare', 'ours'] as const).map((side) => {
      const sample = input.samples.get(`${c.name}|${side}`) as Sample;
      const s = summarize(sample.answers);
      rows.push([
        `${c.name} — ${side}`,
        sample.count,
        sample.failures,
        s.mean,
        s.p50,
        s.p99,
        sample.cpuMs / Math.max(1, sample.count),
      ]);
      return { s, cpu: sample.cpuMs / Math.max(1, sample.count) };
    }) as [
      { s: ReturnType<typeof summarize>; cpu: number },
      { s: ReturnType<typeof summarize>; cpu: number },
    ];
    ratios.push({ name: c.name, cpu: ours.cpu / bare.cpu, latency: ours.s.mean / bare.s.mean });
  }
  console.log(
    `\nInbound overhead: ${input.rounds} interleaved rounds of ${BLOCK} requests per case, after ${WARMUP} warm-up requests`,
  );
  console.log(
    'answer = until the first reply reached the fake platform; CPU = server process time per request\n',
  );
  console.log(table(['case', 'requests', 'failed', 'mean ms', 'p50 ms', 'p99 ms', 'CPU ms/req'], rows, 3));
  console.log('');
  console.log(
    table(
      ['case', 'CPU ours/bare', 'mean answer ours/bare'],
      ratios.map((r) => [r.name, r.cpu, r.latency]),
    ),
  );
  console.log('');
  for (const r of ratios) {
    verdicts.check({
      budget: `${r.name}: CPU per request ≤ ${BUDGET}× bare`,
      pass: r.cpu <= BUDGET,
      measured: `${r.cpu.toFixed(2)}×`,
    });
    verdicts.check({
      budget: `${r.name}: mean answer time ≤ ${BUDGET}× bare`,
      pass: r.latency <= BUDGET,
      measured: `${r.latency.toFixed(2)}×`,
    });
  }
  verdicts.finish();
}

await main();
