import { setTimeout as sleep } from 'node:timers/promises';
import { type BotProcess, npmScript, spawnBot, startScript } from '../support/bot-process.js';
import type { Loaded } from '../support/data-dir.js';
import type { Platforms } from '../support/fake-platforms.js';
import { createRandom, type Random } from '../support/seeded-random.js';
import { loadStoreCopy, type SuiteStore } from '../support/store.js';
import {
  acknowledgedProblems,
  auditTogetherProblems,
  type Problem,
  reportedChangeProblems,
} from './durability-checks.js';
import { type Ledger, randomOperation } from './operations.js';

/** Deadline passes the run plays through `npm run tick` (SurveyMonkey failed its review). */
export const TICK_TIMES = ['2027-02-01T09:00:00Z', '2027-05-03T09:00:00Z', '2027-05-04T09:00:00Z'];

export interface Figures {
  cycles: number;
  serverKills: number;
  killsDuringStart: number;
  ticks: number;
  tickKills: number;
  /** Targets still claimed by killed processes when the last server starts (PostgreSQL only). */
  claimsLeftByKills: number;
}

/** Everything one crash run shares: where, who, and what it found. */
export interface Run {
  rng: Random;
  seed: number;
  /** The data directory or the database (TEST_STORE) the bot processes keep their state in. */
  store: SuiteStore;
  env: Record<string, string>;
  platforms: Platforms;
  ledger: Ledger;
  ids: readonly string[];
  problems: Problem[];
  figures: Figures;
  /** The kill to log once the next process is spawned, after every copy the dead one sent has arrived. */
  pendingKill: string | null;
  startMs: number;
  tickIndex: number;
}

/** Spawns a bot process, first logging the previous kill so in-flight copies sort before it. */
function spawn(run: Run, script: string, args: string[] = []): BotProcess {
  if (run.pendingKill) run.platforms.markKill(run.pendingKill);
  run.pendingKill = null;
  return spawnBot({ script, args, env: run.env, listenTimeoutMs: 120_000 });
}

/** Loads the state and audit as the next start will, and checks them against what was acknowledged. */
export async function checkStore(run: Run, when: string): Promise<Loaded | null> {
  let loaded: Loaded;
  try {
    loaded = await loadStoreCopy(run.store);
  } catch (error) {
    run.problems.push({ check: 'state loads', detail: `${when}: ${(error as Error).message}` });
    return null;
  }
  const idOfName = (name: string) => `suite-${name.replace('Tool', '')}`;
  run.problems.push(
    ...acknowledgedProblems(loaded, run.ledger).map((p) => ({ ...p, detail: `${when}: ${p.detail}` })),
    ...auditTogetherProblems(loaded).map((p) => ({ ...p, detail: `${when}: ${p.detail}` })),
    ...reportedChangeProblems(loaded, { deliveries: run.platforms.deliveries, idOfName }).map((p) => ({
      ...p,
      detail: `${when}: ${p.detail}`,
    })),
  );
  return loaded;
}

/** One `tick` at the next deadline time, killed at a random moment or left to finish. */
export async function tickCycle(run: Run, cycle: number): Promise<void> {
  const at = TICK_TIMES[Math.min(run.tickIndex, TICK_TIMES.length - 1)] as string;
  const tick = spawn(run, npmScript('tick'), ['--at', at]);
  run.figures.ticks += 1;
  if (run.rng.chance(0.5)) {
    await Promise.race([sleep(run.rng.int(run.startMs + 800)), tick.exited]);
    await tick.kill();
    run.pendingKill = `tick ${at}`;
    run.figures.tickKills += 1;
  } else {
    const timer = setTimeout(() => void tick.kill(), 120_000);
    const { code } = await tick.exited;
    clearTimeout(timer);
    if (code === 0 || code === 2) run.tickIndex += 1;
    else
      run.problems.push({
        check: 'tick runs after a kill',
        detail: `cycle ${cycle}: exit ${code}: ${tick.stderr().slice(-500)}`,
      });
  }
  await checkStore(run, `cycle ${cycle} after tick`);
}

/**
 * Drives random operations from two people at once until `stop` aborts. Each waits a moment between
 * operations: the bot sends at most one Slack message a second to a channel, and people faster than
 * that only grow a backlog that the short work windows never drain.
 */
async function drive(
  run: Run,
  input: { bot: { url: string; exited: Promise<unknown> }; cycle: number; stop: AbortSignal },
) {
  const driver = async (n: number) => {
    const rng = createRandom((run.seed + input.cycle * 7919 + n * 104_729) >>> 0);
    // Bounded: at most 200 operations a cycle, and the kill ends each wait.
    for (let i = 0; i < 200 && !input.stop.aborted; i++) {
      await randomOperation({ ...input, platforms: run.platforms, ledger: run.ledger, rng, ids: run.ids });
      await sleep(500 + rng.int(1000), undefined, { signal: input.stop }).catch(() => undefined);
    }
  };
  await Promise.all([driver(1), driver(2)]);
}

/** Starts the server, works it for a random while (or not at all), kills it with SIGKILL and checks. */
export async function serverCycle(run: Run, cycle: number): Promise<boolean> {
  const bot = spawn(run, startScript());
  const started = Date.now();
  if (run.rng.chance(0.1)) {
    await Promise.race([sleep(run.rng.int(run.startMs)), bot.exited]);
    await bot.kill();
    run.pendingKill = 'server while starting';
    run.figures.killsDuringStart += 1;
    run.figures.serverKills += 1;
    await checkStore(run, `cycle ${cycle} killed while starting`);
    return true;
  }
  let url: string;
  try {
    url = await bot.listening;
  } catch (error) {
    run.problems.push({ check: 'server starts', detail: `cycle ${cycle}: ${(error as Error).message}` });
    await bot.kill();
    return false;
  }
  run.startMs = Date.now() - started;
  const stop = new AbortController();
  const work = drive(run, { bot: { url, exited: bot.exited }, cycle, stop: stop.signal });
  // Long enough for both drivers to file and decide and for notices to go out, short enough that
  // a hundred cycles fit in CI; the kill lands anywhere in it.
  await sleep(100 + run.rng.int(1100));
  stop.abort();
  await bot.kill();
  run.pendingKill = 'server';
  run.figures.serverKills += 1;
  await work;
  await checkStore(run, `cycle ${cycle}`);
  return true;
}
