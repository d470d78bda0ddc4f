import { setTimeout as sleep } from 'node:timers/promises';
import type { State } from '../../../src/domain/state.js';
import { npmScript, spawnBot, startScript } from '../support/bot-process.js';
import { ADMIN, ADMIN_CHANNEL, nameOf, TEAMS_ADMIN } from '../support/fake-platforms.js';
import { expectedKeys } from '../support/notice-keys.js';
import { loadStoreCopy } from '../support/store.js';
import { checkStore, type Run } from './crash-run.js';

/** Admin channels in Slack and Teams, and SurveyMonkey (failed review) on, then a clean stop. */
export async function setUp(run: Run): Promise<void> {
  const bot = spawnBot({ script: startScript(), env: run.env, listenTimeoutMs: 120_000 });
  try {
    const running = { url: await bot.listening, exited: bot.exited };
    const answers = [
      await run.platforms.slash(running, { user: ADMIN, text: 'notify here', channel: ADMIN_CHANNEL }),
      await run.platforms.teams(running, { from: TEAMS_ADMIN, text: 'notify here', scope: 'channel' }),
      await run.platforms.slash(running, { user: ADMIN, text: 'enable surveymonkey for all' }),
    ];
    if (answers.some((a) => !a))
      throw new Error(`set-up commands went unanswered: ${JSON.stringify(answers)}`);
  } finally {
    await bot.stop();
  }
}

/**
 * Notices the server can send now. On PostgreSQL a target a killed process had claimed (delivery
 * claims, src/adapters/delivery/claims.ts) waits out the claim's lease, DELIVERY_CLAIM_LEASE, which
 * the suite sets to its shortest (store.ts), so the wait below covers it.
 */
const due = (state: State) =>
  state.outbox.filter((n) => n.state === 'queued' && Date.parse(n.notBefore) <= Date.now()).length;

/**
 * Lets the server deliver what is due (bounded: about three minutes, looked at every 200 ms), stops it cleanly, runs a last deadline
 * pass with `tick` for the notices dated in the deadline years, then checks that every notice went out.
 * Returns the notices that never arrived.
 */
export async function finish(run: Run): Promise<string[]> {
  if (run.pendingKill) run.platforms.markKill(run.pendingKill);
  run.pendingKill = null;
  // Every process is dead here, so any claim now held is a killed process's.
  const claims = (await loadStoreCopy(run.store).catch(() => null))?.state.deliveryClaims ?? {};
  run.figures.claimsLeftByKills = Object.keys(claims).length;
  const bot = spawnBot({ script: startScript(), env: run.env, listenTimeoutMs: 120_000 });
  await bot.listening.catch((error: Error) =>
    run.problems.push({ check: 'server starts', detail: `at the end: ${error.message}` }),
  );
  for (let i = 0; i < 900; i++) {
    const loaded = await loadStoreCopy(run.store).catch(() => null);
    if (loaded && due(loaded.state) === 0) break;
    await sleep(200);
  }
  const stopped = await bot.stop();
  if (stopped.code !== 0)
    run.problems.push({ check: 'server starts', detail: `clean stop exited ${stopped.code}` });
  const tick = spawnBot({ script: npmScript('tick'), args: ['--at', '2027-06-01T09:00:00Z'], env: run.env });
  const timer = setTimeout(() => void tick.kill(), 120_000);
  const { code } = await tick.exited;
  clearTimeout(timer);
  if (code !== 0)
    run.problems.push({
      check: 'every queued notice delivered',
      detail: `last tick exited ${code}: ${tick.stdout().slice(-800)}`,
    });
  const loaded = await checkStore(run, 'at the end');
  for (const file of run.store.strayFiles())
    run.problems.push({ check: 'nothing kept in DATA_DIR', detail: `on PostgreSQL: ${file}` });
  if (!loaded) return [];
  for (const n of loaded.state.outbox)
    run.problems.push({
      check: 'every queued notice delivered',
      detail: `${n.id} to ${n.target} still ${n.state}: ${n.lastError ?? ''}`,
    });
  const delivered = new Set(run.platforms.deliveries.map((d) => d.key));
  return expectedKeys(loaded.state, { nameOf }).filter((key) => !delivered.has(key));
}
