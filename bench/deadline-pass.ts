import { performance } from 'node:perf_hooks';
import { createDeliveryWorker } from '../src/adapters/delivery/index.js';
import { runDeadlinePass } from '../src/application/use-cases/run-deadline-pass.js';
import { createSimulatedTime } from '../test/adapters/delivery/simulated-time.js';
import { silentLogger } from '../test/fakes/silent-logger.js';
import { createVerdicts } from './channels/support/report.js';
import { aDeadlineWorld } from './lib/deadline-world.js';
import { createPlatformFake, fastestMs, SLACK, TEAMS } from './lib/platform-fakes.js';

/**
 * SPEC §10: a deadline pass for 1,000 admin channels finishes within 1.2× of the time the
 * platforms' rate limits allow. The pass runs in real time; delivery runs in simulated time
 * against fakes that enforce Slack's and Teams' per-conversation limits (429 when exceeded).
 */
const AT = '2027-02-01T09:00:00Z';
const INTEGRATIONS = 10_000;
const CHANNELS = 1_000;
const LATENCY_MS = 40;
const BUDGET = 1.2;

async function main(): Promise<number> {
  const deps = aDeadlineWorld({ integrations: INTEGRATIONS, channels: CHANNELS, at: AT });
  const started = performance.now();
  const pass = await runDeadlinePass(deps, { now: new Date(AT) });
  const passMs = performance.now() - started;

  const time = createSimulatedTime(AT);
  const slack = createPlatformFake({ limits: SLACK, time, latencyMs: LATENCY_MS });
  const teams = createPlatformFake({ limits: TEAMS, time, latencyMs: LATENCY_MS });
  const worker = createDeliveryWorker({
    store: deps.store,
    senders: { slack, teams },
    clock: time.clock,
    logger: silentLogger,
    onGone: async () => {},
    sleep: time.sleep,
  });
  const queued = deps.store.read().outbox.length;
  const perChannel = queued / CHANNELS;
  const wallStart = performance.now();
  const report = await time.run(() => worker.runOnce());
  const wallMs = performance.now() - wallStart;
  const deliveryMs = time.nowMs() - Date.parse(AT);
  const allowedMs = Math.max(fastestMs(perChannel, SLACK), fastestMs(perChannel, TEAMS)) + LATENCY_MS;
  const ratio = deliveryMs / allowedMs;

  const row = (k: string, v: string) => process.stdout.write(`  ${k.padEnd(34)}${v}\n`);
  row('integrations / admin channels', `${INTEGRATIONS} / ${CHANNELS} (half Slack, half Teams)`);
  row('pass (real time)', `${passMs.toFixed(0)} ms: ${pass.changes.length} changes, ${queued} cards queued`);
  row(
    'delivered / 429s / left',
    `${report.delivered} / ${slack.rejected + teams.rejected} / ${deps.store.read().outbox.length}`,
  );
  row('delivery (simulated time)', `${deliveryMs} ms (${wallMs.toFixed(0)} ms of real time to simulate)`);
  row('rate limits allow', `${allowedMs} ms (${perChannel} cards per channel, ${LATENCY_MS} ms latency)`);
  row('delivery / allowed', `${ratio.toFixed(2)}× (budget ${BUDGET}×) ${ratio <= BUDGET ? '✓' : '✗'}`);
  const complete = report.delivered === queued && deps.store.read().outbox.length === 0;
  if (!complete) process.stdout.write('  ✗ not every card was delivered in one run\n');
  const verdicts = createVerdicts('deadline-pass');
  verdicts.check({
    budget: `deadline pass for ${CHANNELS} admin channels ≤ ${BUDGET}× what rate limits allow, every card delivered`,
    pass: ratio <= BUDGET && complete,
    measured: `${ratio.toFixed(2)}×`,
    ours: `${deliveryMs} ms`,
    bare: `${allowedMs} ms (allowed)`,
  });
  return ratio <= BUDGET && complete ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
