import { rm } from 'node:fs/promises';
import type { Actor, Origin } from '../../../../src/application/engine.js';
import { type RunningBot, startBot } from '../../../../src/compose.js';
import type { State } from '../../../../src/domain/state.js';
import { adminChanges, loadDataDir, schemaProblem } from './admin-state.js';
import { describeCase, FUZZ_BATCH } from './settings.js';
import { trackEngine, watchProcess } from './watch.js';

/** What one fuzz case sent and got back. */
export interface Sent {
  status: number;
  body?: string;
}

/** A command run through the engine while setting up the state the fuzzed member then attacks. */
export interface SetupStep {
  actor: Actor;
  origin: Origin;
  text: string;
}

/** How long a case waits for its answer: a request left hanging is a failure, not a slow case. */
const ANSWER_WITHIN_MS = 5_000;

/** fetch over the shared keep-alive connections; a hang or a reset becomes status 0 with why. */
export async function request(url: string, init: RequestInit = {}): Promise<Sent> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    return { status: 0, body: `no answer: ${(error as Error).message}` };
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * One real bot for an entry point's whole run, with the checks every case and every batch make:
 * never a 5xx, no unhandled rejection, uncaught exception or error log, nothing admin-owned changed,
 * the state valid for the schema; every FUZZ_BATCH cases the data directory loads as the next start
 * would load it, and the state goes back to the baseline so cases stay independent and cheap.
 */
export async function startFuzzServer(input: {
  env: Record<string, string>;
  dataDir: string;
  /** Outgoing calls the fakes recorded so far: the bot is quiet once this stops moving. */
  activity: () => number;
  /** Called after each batch: the fakes forget what they recorded, so long runs stay small. */
  onBatch?: () => void;
}) {
  const watch = watchProcess();
  const bot: RunningBot = await startBot({
    env: { PORT: '0', DATA_DIR: input.dataDir, STATE_SECRET: 'state-secret-0123456789abcdef', ...input.env },
    logger: watch.logger,
    scheduler: false,
    deliveryIntervalMs: 5,
  });
  const engine = trackEngine(bot.core.engine);
  const store = bot.core.deps.store;
  let baseline: State = structuredClone(store.read()) as State;
  let cases = 0;
  const recent: string[] = [];

  /**
   * Waits until engine calls are done and the fakes saw no new call for two ticks, so what a case
   * set off after its answer (Slack's ack comes first) is checked with it. Queued notices are not
   * waited for: the outbox keeps platform rate limits, and a batch ends by dropping them.
   */
  const settle = async () => {
    // Counting from now, two quiet ticks are two quiet ticks (a first tick only to read the count is waste).
    let last = input.activity();
    let still = 0;
    for (let i = 0; i < 2000 && still < 2; i++) {
      await tick();
      const now = input.activity();
      still = !engine.busy() && now === last ? still + 1 : 0;
      last = now;
    }
  };

  const fail = (what: string, details: string[]) => {
    throw new Error(`${what}\n${details.join('\n')}\nrecent cases (oldest first):\n${recent.join('\n')}`);
  };

  const reset = () =>
    store.update((state) => {
      for (const key of Object.keys(baseline) as (keyof State)[])
        (state as Record<string, unknown>)[key] = structuredClone(baseline[key]);
    });

  const endBatch = async () => {
    await settle();
    const loaded = await loadDataDir(input.dataDir);
    const problems = 'error' in loaded ? [loaded.error] : adminChanges(baseline, loaded.state);
    await reset();
    await settle();
    input.onBatch?.();
    watch.take();
    if (problems.length) fail('after a batch, DATA_DIR does not load or shows admin changes', problems);
  };

  return {
    bot,
    url: bot.url,
    store,
    engine: bot.core.engine,
    /** Runs setup commands, lets the outbox drain and makes the result the baseline of every batch. */
    async setUp(steps: readonly SetupStep[]) {
      for (const step of steps) await bot.core.engine.handleText(step);
      await settle();
      baseline = structuredClone(store.read()) as State;
      const troubles = watch.take();
      if (troubles.length)
        fail(
          'setting up failed',
          troubles.map((t) => `${t.kind}: ${t.text}`),
        );
      return baseline;
    },
    /** Sends one case and checks what every case must keep. */
    async check(label: string, value: unknown, send: () => Promise<Sent>) {
      recent.push(`${label} ${describeCase(value, 300)}`);
      if (recent.length > 3) recent.shift();
      const sent = await send();
      await settle();
      const problems = [
        ...(sent.status >= 500 || sent.status === 0
          ? [`HTTP ${sent.status}: ${String(sent.body).slice(0, 500)}`]
          : []),
        ...watch.take().map((t) => `${t.kind}: ${t.text}`),
        ...adminChanges(baseline, store.read()),
      ];
      const invalid = schemaProblem(store.read());
      if (invalid)
        problems.push(`the state no longer matches its schema (the next start refuses it): ${invalid}`);
      if (problems.length) {
        await reset().catch(() => undefined);
        await settle();
        watch.take();
        fail(`${label}: a case broke a rule`, problems);
      }
      cases += 1;
      if (cases % FUZZ_BATCH === 0) await endBatch();
    },
    endBatch,
    /** Starts a property afresh: the baseline state, and nothing left over from the one before. */
    async begin() {
      await settle();
      await reset();
      await settle();
      watch.take();
      recent.length = 0;
    },
    async close() {
      try {
        await endBatch();
      } finally {
        watch.stop();
        await bot.close();
        await rm(input.dataDir, { recursive: true, force: true });
      }
    },
  };
}

export type FuzzServer = Awaited<ReturnType<typeof startFuzzServer>>;
