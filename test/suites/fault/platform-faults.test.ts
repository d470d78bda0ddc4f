import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, spawnBot, startScript } from '../support/bot-process.js';
import { ensureBuilt } from '../support/compiled.js';
import type { Loaded } from '../support/data-dir.js';
import {
  ADMIN,
  ADMIN_CHANNEL,
  nameOf,
  type Platforms,
  startPlatforms,
  TEAMS_ADMIN,
  writeCatalog,
} from '../support/fake-platforms.js';
import { createFaultPlan, type FaultKind } from '../support/fault-plan.js';
import { problemsLogged } from '../support/log-lines.js';
import { expectedKeys } from '../support/notice-keys.js';
import { countFrom, createRandom, seedFrom } from '../support/seeded-random.js';
import { loadStoreCopy, openSuiteStore, type SuiteStore, storeKind } from '../support/store.js';

/**
 * The fake Slack API and Bot Connector fail deliveries at random (seeded): 429 with Retry-After, 500,
 * reset connections and requests never answered. The real server must log what failed, not loop,
 * and deliver every notice exactly once when the faults end. FAULT_ROUNDS sets how many requests
 * are filed under faults (8 by default, 30 in CI); FAULT_SEED repeats a run's choices. TEST_STORE=postgres
 * runs the bot on a fresh PostgreSQL database instead of a data directory (support/store.ts).
 */
const ROUNDS = countFrom(process.env.FAULT_ROUNDS, 8);
const seed = seedFrom(process.env.FAULT_SEED);
const rng = createRandom(seed);
const plan = createFaultPlan(rng, { probability: 0.5 });
const root = mkdtempSync(join(tmpdir(), 'suite-faults-'));
const kind = storeKind();
let store: SuiteStore;
let platforms: Platforms;
let bot: BotProcess;
let loaded: Loaded;
let expected: string[] = [];
const answered: boolean[] = [];
const health: number[] = [];
let callsAfterDelivery = { before: 0, after: 0 };

/** How a clear log line names each fault: the status, or what happened to the connection. */
const NAMES: Record<FaultKind, RegExp> = {
  'server-error': /\b500\b|server error/i,
  'rate-limited': /\b429\b|rate.?limit/i,
  reset: /reset|ECONNRESET|socket hang up|closed/i,
  timeout: /time.?out|did not answer/i,
};

const held = () => platforms.slack.held() + platforms.connector.held();
const deliveryCalls = () => platforms.slack.calls.length + platforms.connector.calls.length;
const missing = () => {
  const got = new Set(platforms.deliveries.map((d) => d.key));
  return expected.filter((k) => !got.has(k));
};

/** Files one request per round from a new person (Slack or Teams) and denies every other one. */
async function rounds(running: { url: string; exited: Promise<unknown> }) {
  for (let round = 1; round <= ROUNDS; round++) {
    const id = `suite-${String(round).padStart(4, '0')}`;
    const text = `request ${id} because round ${round}`;
    const viaTeams = rng.chance(0.3);
    const from = {
      id: `29:1fault-${round}`,
      aadObjectId: `fa017000-0000-4000-8000-${String(round).padStart(12, '0')}`,
      name: `Faulty ${round}`,
    };
    const answer = viaTeams
      ? await platforms.teams(running, { from, text })
      : await platforms.slash(running, { user: `UF${round}`, text });
    answered.push(Boolean(answer && /was sent to the admins/.test(answer)));
    if (round % 2 === 0) {
      const denied = await platforms.slash(running, {
        user: ADMIN,
        text: `deny ${id} because round ${round}`,
        channel: ADMIN_CHANNEL,
      });
      answered.push(Boolean(denied && /Denied by/.test(denied)));
    }
    health.push(
      await fetch(`${running.url}/healthz`).then(
        (r) => r.status,
        () => 0,
      ),
    );
  }
}

beforeAll(async () => {
  await ensureBuilt();
  console.log(
    `platform fault suite: seed ${seed} (FAULT_SEED=${seed} repeats its choices), ${ROUNDS} rounds, on ${kind}`,
  );
  const catalog = writeCatalog(root, ROUNDS + 5);
  platforms = await startPlatforms({ slackFault: plan.slack, teamsFault: plan.teams });
  store = await openSuiteStore(root, kind);
  bot = spawnBot({
    script: startScript(),
    env: { ...platforms.env(join(root, 'data'), catalog.file), ...store.env },
    listenTimeoutMs: 120_000,
  });
  const running = { url: await bot.listening, exited: bot.exited };
  await platforms.slash(running, { user: ADMIN, text: 'notify here', channel: ADMIN_CHANNEL });
  await platforms.teams(running, { from: TEAMS_ADMIN, text: 'notify here', scope: 'channel' });
  plan.setActive(true);
  await rounds(running);
  // Faults go on after the last command until as many have hit as there were rounds (bounded: a
  // minute), so retries and backoffs meet them too.
  for (let i = 0; i < 300 && plan.total() < ROUNDS; i++) await sleep(200);
  plan.setActive(false);
  const state = (await loadStoreCopy(store)).state;
  expected = expectedKeys(state, { nameOf });
  // Bounded: two minutes for the backoffs (at most 64 s after six failures) to run out.
  for (let i = 0; i < 600 && missing().length; i++) await sleep(200);
  // A request the fakes never answered may not be needed for any notice (a card's update, say): its
  // client gives up only after its own timeout (10 s for Slack, 30 s for the Bot Connector) and logs
  // it then, so the run waits for that (bounded: a minute) and for the line to be written.
  for (let i = 0; i < 300 && held(); i++) await sleep(200);
  await sleep(500);
  callsAfterDelivery.before = deliveryCalls();
  await sleep(3_000);
  callsAfterDelivery = { ...callsAfterDelivery, after: deliveryCalls() };
  await bot.stop();
  loaded = await loadStoreCopy(store);
}, 600_000);

afterAll(async () => {
  const copies = platforms.deliveries.length;
  console.log(
    `platform fault suite figures (${kind}): seed ${seed}; rounds ${ROUNDS}; commands acknowledged ${answered.filter(Boolean).length} of ${answered.length}; ` +
      `faults injected ${plan.total()} ${JSON.stringify(plan.where)}; notices expected ${expected.length}; ` +
      `notices delivered ${new Set(platforms.deliveries.map((d) => d.key)).size}; duplicates ${copies - new Set(platforms.deliveries.map((d) => d.key)).size}; ` +
      `losses ${missing().length}; warnings and errors logged ${problemsLogged(bot.stderr()).length}, the first: ${problemsLogged(bot.stderr()).slice(0, 3).join(' | ')}`,
  );
  await bot?.stop();
  await platforms?.close();
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe(`Slack and Bot Connector failing at random (${ROUNDS} rounds, ${kind})`, () => {
  it('keeps answering commands and /healthz while deliveries fail', () => {
    expect(plan.total()).toBeGreaterThan(0);
    expect(answered.every(Boolean)).toBe(true);
    expect(health.every((s) => s === 200)).toBe(true);
  });

  it('delivers every notice exactly once when the faults end', () => {
    expect(expected.length).toBeGreaterThan(ROUNDS);
    expect(missing()).toEqual([]);
    const keys = platforms.deliveries.map((d) => d.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(loaded.state.outbox).toEqual([]);
    expect(store.strayFiles(), 'on PostgreSQL nothing is kept under DATA_DIR').toEqual([]);
  });

  it('does not loop: once everything is delivered, nothing more is sent', () => {
    expect(callsAfterDelivery.after).toBe(callsAfterDelivery.before);
  });

  it('logs each kind of failure it met, naming it, and not once per retry of every run', () => {
    const logged = problemsLogged(bot.stderr());
    const unnamed = (Object.keys(NAMES) as FaultKind[])
      .filter((kind) => plan.injected[kind] > 0)
      .filter((kind) => !logged.some((line) => NAMES[kind].test(line)));
    expect(unnamed, 'fault kinds injected but never named in a warning or error').toEqual([]);
    expect(logged.length).toBeLessThanOrEqual(plan.total() + 5);
  });
});
