/**
 * docs/performance.md: cold start (`npm start` to the first `/healthz` 200) within 1.5× of the bare
 * frameworks' server. Each side is started as its own process the way `npm start` starts the
 * bot (plain Node on compiled JavaScript, on an empty data directory), alternating in random
 * order, and timed from spawn until `/healthz` first answers 200 (polled every 5 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver } from './channels/support/driver-client.js';
import { createVerdicts, machineLoad, summarize, table } from './channels/support/report.js';
import { type Side, startServer } from './lib/server-process.js';

const BUDGET = 1.5;
const ROUNDS = 7;

async function main(): Promise<void> {
  console.log(`machine at start: ${machineLoad()}`);
  const driver = await startDriver();
  const times: Record<Side, number[]> = { bare: [], ours: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const sides: Side[] = Math.random() < 0.5 ? ['bare', 'ours'] : ['ours', 'bare'];
    for (const side of sides) {
      const dataDir = mkdtempSync(join(tmpdir(), `bench-start-${side}-`));
      const server = await startServer({ side, slackApiUrl: driver.slackApiUrl, dataDir });
      times[side].push(server.coldStartMs);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  driver.stop();
  const s = { bare: summarize(times.bare), ours: summarize(times.ours) };
  console.log(`\nCold start, spawn → first /healthz 200, ${ROUNDS} alternating starts per side`);
  console.log(
    table(
      ['server', 'p50 ms', 'mean ms', 'max ms'],
      (['bare', 'ours'] as const).map((side) => [side, s[side].p50, s[side].mean, s[side].max]),
      0,
    ),
  );
  const verdicts = createVerdicts('start-up');
  verdicts.check({
    budget: `cold start (median) ≤ ${BUDGET}× the bare frameworks' server`,
    pass: s.ours.p50 <= BUDGET * s.bare.p50,
    measured: `${(s.ours.p50 / s.bare.p50).toFixed(2)}×`,
    ours: `${s.ours.p50.toFixed(0)} ms`,
    bare: `${s.bare.p50.toFixed(0)} ms`,
  });
  console.log(`machine at end: ${machineLoad()}`);
  verdicts.finish();
  process.exit(process.exitCode ?? 0);
}

await main();
