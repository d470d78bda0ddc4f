import type { Clock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import type { SendPacing } from '../../application/ports/send-pacing.js';
import type { Sender } from '../../application/ports/sender.js';
import type { Store } from '../../application/ports/store.js';
import type { Platform } from '../../domain/ids.js';
import type { Notice } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';
import { type AppliedAttempts, compactedOutbox, type DeliveryLine } from './apply-attempts.js';
import { logFailedAttempts } from './log-failures.js';
import { createMemorySendPacing } from './memory-pacing.js';
import { createSemaphore } from './rate-limiter.js';
import { createResultRecorder } from './result-recorder.js';
import { sendToTarget, type TargetRun } from './send-to-target.js';

export interface DeliveryWorkerOptions {
  store: Store;
  senders: Partial<Record<Platform, Sender>>;
  clock: Clock;
  logger: Logger;
  /** Marks a conversation the bot was removed from as inactive (the engine's markConversationGone). */
  onGone: (input: { conversationId: string; reason: string }) => Promise<void>;
  /** How to wait for a rate-limit slot; simulated time in tests and benchmarks. */
  sleep?: (ms: number) => Promise<void>;
  /** When each conversation may next be sent to (default: kept in this process). */
  pacing?: SendPacing;
  /** Requests in flight at once, across conversations (default 128). */
  concurrency?: number;
}

/** What one run did. */
export interface DeliveryReport {
  attempted: number;
  delivered: number;
  retried: number;
  givenUp: number;
  lines: DeliveryLine[];
  /** When the earliest notice still queued is due, if any; while results cannot be saved, when that is tried again. */
  nextDueAt: string | null;
}

/** Sends the outbox: per-conversation rate limits, Retry-After, backoff, give-up with a reason. */
export interface DeliveryWorker {
  /** Sends every notice due now, and records the outcomes. */
  runOnce(): Promise<DeliveryReport>;
  /** Runs `runOnce` every `intervalMs` (default 1000) until `stop`; a failed run is logged, never thrown. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Queued notices due at `now`, grouped by target in outbox order; `indexOf` gets their places. A
 * target's notices go in order: one not yet due (waiting out a Retry-After or a backoff) holds
 * back those queued after it to the same target.
 */
export function dueByTarget(
  state: Readonly<State>,
  now: Date,
  indexOf?: Map<string, number>,
): Map<string, Notice[]> {
  const groups = new Map<string, Notice[]>();
  const waiting = new Set<string>();
  const nowMs = now.getTime();
  for (const [i, n] of state.outbox.entries()) {
    if (n.state !== 'queued' || waiting.has(n.target)) continue;
    if (Date.parse(n.notBefore) > nowMs) {
      waiting.add(n.target);
      continue;
    }
    indexOf?.set(n.id, i);
    const group = groups.get(n.target);
    if (group) group.push(n);
    else groups.set(n.target, [n]);
  }
  return groups;
}

/** When the next notice may go: the earliest, over targets, of the first notice queued to each. */
function nextDueAt(state: Readonly<State>): string | null {
  let next: number | null = null;
  const seen = new Set<string>();
  for (const n of state.outbox) {
    if (n.state !== 'queued' || seen.has(n.target)) continue;
    seen.add(n.target);
    const at = Date.parse(n.notBefore);
    if (next === null || at < next) next = at;
  }
  return next === null ? null : new Date(next).toISOString();
}

function summarise(lines: DeliveryLine[], state: Readonly<State>, retryAt: Date | null): DeliveryReport {
  const count = (r: DeliveryLine['result']) => lines.filter((l) => l.result === r).length;
  return {
    attempted: lines.length,
    delivered: count('delivered'),
    retried: count('retry'),
    givenUp: count('given-up'),
    lines,
    nextDueAt: retryAt ? retryAt.toISOString() : nextDueAt(state),
  };
}

/** Builds the outbox worker; one run at a time, rate limits remembered across runs. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, logger, onGone } = options;
  const pacing = options.pacing ?? createMemorySendPacing();
  const inFlight = createSemaphore(options.concurrency ?? 128);
  const recorder = createResultRecorder({ store, clock: options.clock, logger });
  let current: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  const reportGone = async (gone: { conversationId: string; reason: string }) => {
    try {
      await onGone(gone);
    } catch (error) {
      logger.error('could not mark a conversation inactive', {
        conversationId: gone.conversationId,
        error: String(error),
      });
    }
  };

  const take = async (lines: DeliveryLine[], applied: AppliedAttempts | null) => {
    if (applied === null) return;
    lines.push(...applied.lines);
    const people = store.read().people;
    logFailedAttempts(logger, { lines: applied.lines, isPerson: (target) => target in people });
    for (const gone of applied.gone) await reportGone(gone);
  };

  /** Drops sent notices and the oldest given-up ones; a failed write is left to the next run. */
  const compact = async () => {
    if (recorder.halted() || compactedOutbox(store.read()) === null) return;
    try {
      await store.update((state) => {
        const kept = compactedOutbox(store.read());
        if (kept) state.outbox = kept;
      });
    } catch (error) {
      logger.warn('could not drop sent notices from the outbox', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const runBatch = async (): Promise<DeliveryReport> => {
    const lines: DeliveryLine[] = [];
    // Results held back by a failing disk are saved before anything else is sent.
    const caughtUp = await recorder.catchUp();
    await take(lines, caughtUp.applied);
    if (!caughtUp.ok) return summarise(lines, store.read(), recorder.retryAt());
    const indexOf = new Map<string, number>();
    const groups = dueByTarget(store.read(), options.clock.now(), indexOf);
    const run: TargetRun = {
      ...options,
      indexOf,
      pacing,
      inFlight,
      sleep: options.sleep ?? realSleep,
      halted: recorder.halted,
      record: async (attempt) => take(lines, await recorder.record(attempt)),
    };
    await Promise.all([...groups].map(([target, notices]) => sendToTarget(run, { target, notices })));
    await compact();
    return summarise(lines, store.read(), recorder.retryAt());
  };

  const runOnce = (): Promise<DeliveryReport> => {
    const run = current.then(runBatch, runBatch);
    current = run.catch(() => undefined);
    return run;
  };

  const loop = async (intervalMs: number) => {
    if (stopped) return;
    try {
      const report = await runOnce();
      if (report.attempted)
        logger.info('delivery run', {
          delivered: report.delivered,
          retried: report.retried,
          givenUp: report.givenUp,
        });
    } catch (error) {
      logger.error('delivery run failed', { error: error instanceof Error ? error.message : String(error) });
    }
    if (!stopped) timer = setTimeout(() => void loop(intervalMs), intervalMs);
  };

  return {
    runOnce,
    start: (intervalMs = 1000) => {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(() => void loop(intervalMs), 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
    idle: async () => {
      await current;
    },
  };
}
