import type { Clock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import type { SendPacing } from '../../application/ports/send-pacing.js';
import type { Sender } from '../../application/ports/sender.js';
import type { Store } from '../../application/ports/store.js';
import type { Platform } from '../../domain/ids.js';
import type { Notice } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';
import { type AppliedAttempts, compactedOutbox, type DeliveryLine } from './apply-attempts.js';
import { type ClaimChange, type ClaimOptions, createTargetClaims, type TargetClaims } from './claims.js';
import { dueByTarget, type HeldUntil, nextDueAt } from './due-notices.js';
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
  /**
   * Set when other workers deliver the same outbox (replicas sharing one database): each run first
   * claims the targets it sends to (claims.ts). Unset, the worker is the only one (the embedded
   * store's data-directory lock sees to it) and writes no claims.
   */
  claims?: ClaimOptions;
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
  /**
   * The notices still queued, and how many of those are another worker's to send now: queued to a
   * target it holds a live claim on (a replica sharing the outbox). Always 0 for a lone worker.
   */
  waiting(): { queued: number; heldElsewhere: number };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function summarise(
  lines: DeliveryLine[],
  state: Readonly<State>,
  input: { retryAt: Date | null; heldUntil?: HeldUntil },
): DeliveryReport {
  const count = (r: DeliveryLine['result']) => lines.filter((l) => l.result === r).length;
  return {
    attempted: lines.length,
    delivered: count('delivered'),
    retried: count('retry'),
    givenUp: count('given-up'),
    lines,
    nextDueAt: input.retryAt ? input.retryAt.toISOString() : nextDueAt(state, input.heldUntil),
  };
}

/** Builds the outbox worker; one run at a time, rate limits remembered across runs. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, logger, onGone } = options;
  const claims = options.claims
    ? createTargetClaims({ store, logger, options: options.claims, clock: options.clock })
    : null;
  const ownPacing = options.pacing ?? createMemorySendPacing();
  const pacing = claims ? claims.observe(ownPacing) : ownPacing;
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

  /**
   * Drops sent notices and the oldest given-up ones, and releases the claims this run still holds,
   * in one write; a failed write is left to the next run (and claims to their lease).
   */
  const finish = async () => {
    const release = recorder.halted() ? null : (claims?.releaseRest(options.clock.now().getTime()) ?? null);
    if (recorder.halted() || (release === null && compactedOutbox(store.read()) === null)) return;
    try {
      await store.update((state, current) => {
        release?.(state, current ?? state);
        const kept = compactedOutbox(store.read());
        if (kept) state.outbox = kept;
      });
    } catch (error) {
      logger.warn('could not drop sent notices from the outbox', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  /**
   * Renews the run's claims while its sends go on, on a timer of real time (the lease is): a send
   * slower than the lease (a connector that takes its 30 s) must not let another worker take the
   * conversation and send the same notice again. A failed renewal is logged; the next tries again.
   */
  const renewWhileSending = (targetClaims: TargetClaims) => {
    const timer = setInterval(() => {
      if (recorder.halted()) return;
      const change = targetClaims.renewal(options.clock.now().getTime());
      if (change === null) return;
      store
        .update((state, current) => change(state, current ?? state))
        .catch((error: unknown) =>
          logger.warn('could not renew the claims on conversations being sent to', {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
    }, targetClaims.renewEveryMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  };

  const runBatch = async (): Promise<DeliveryReport> => {
    const lines: DeliveryLine[] = [];
    // Results held back by a failing disk are saved before anything else is sent.
    const caughtUp = await recorder.catchUp();
    await take(lines, caughtUp.applied);
    const report = () => {
      const nowMs = options.clock.now().getTime();
      const retryAt = recorder.retryAt() ?? claims?.retryAt() ?? null;
      return summarise(lines, store.read(), { retryAt, heldUntil: claims?.heldUntil(store.read(), nowMs) });
    };
    if (!caughtUp.ok) return report();
    const indexOf = new Map<string, number>();
    const now = options.clock.now();
    // Claimed first when other workers share the outbox.
    const groups = claims
      ? await claims.claim({ now, indexOf })
      : dueByTarget(store.read(), now, { indexOf });
    const run: TargetRun = {
      ...options,
      indexOf,
      pacing,
      inFlight,
      sleep: options.sleep ?? realSleep,
      halted: recorder.halted,
      views: new Map(),
      record: async (attempt, last) => {
        const also: ClaimChange | undefined = claims?.withResult({
          target: attempt.target,
          last,
          nowMs: attempt.at.getTime(),
        });
        await take(lines, await recorder.record(attempt, also));
      },
      ...(claims ? { holds: (target: string) => claims.holds(target, options.clock.now().getTime()) } : {}),
    };
    const send = (chunk: Map<string, Notice[]>) =>
      Promise.all([...chunk].map(([target, notices]) => sendToTarget(run, { target, notices })));
    /** The chunks claimed after the first, each sent as soon as it is claimed (claims.ts, CLAIM_CHUNK). */
    const claimMore = async (shared: TargetClaims) => {
      const sending: Promise<unknown>[] = [];
      // A chunk smaller than full means nothing free was left when it was claimed.
      let last = groups.size;
      while (last === shared.chunk && !recorder.halted()) {
        const more = await shared.claim({ now, indexOf, more: true });
        sending.push(send(more));
        last = more.size;
      }
      await Promise.all(sending);
    };
    const renewing = claims && groups.size > 0 ? renewWhileSending(claims) : null;
    try {
      await Promise.all([send(groups), ...(claims ? [claimMore(claims)] : [])]);
    } finally {
      renewing?.stop();
    }
    await finish();
    return report();
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
    waiting: () => {
      const state = store.read();
      const queued = state.outbox.filter((n) => n.state === 'queued');
      const held = claims?.heldUntil(state, options.clock.now().getTime());
      return {
        queued: queued.length,
        heldElsewhere: held ? queued.filter((n) => held(n.target) > 0).length : 0,
      };
    },
  };
}
