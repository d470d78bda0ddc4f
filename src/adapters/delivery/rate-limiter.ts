import type { RateLimit } from '../../application/ports/send-pacing.js';

export type { RateLimit };

/** Per-target sliding windows: how long until the next send is allowed, and recording sends. */
export interface RateLimiter {
  /** Milliseconds to wait before `target` may be sent to at `nowMs` (0 when it may now). */
  waitMs(input: { target: string; limits: readonly RateLimit[]; nowMs: number }): number;
  /** Records a send to `target` at `atMs` (when the platform answered it). */
  record(input: { target: string; limits: readonly RateLimit[]; atMs: number }): void;
  /** Holds `target` back until `untilMs` (a platform answered 429 with Retry-After). */
  block(target: string, untilMs: number): void;
}

interface TargetLog {
  sends: number[];
  blockedUntil: number;
}

/**
 * A sliding log of the latest sends per target. A send is allowed when, for every window,
 * fewer than `count` sends happened in the last `perMs`; sending at the earliest allowed moment
 * is the fastest any schedule can go under those limits, and never faster.
 */
export function createRateLimiter(): RateLimiter {
  const logs = new Map<string, TargetLog>();
  const logOf = (target: string): TargetLog => {
    let log = logs.get(target);
    if (!log) {
      log = { sends: [], blockedUntil: 0 };
      logs.set(target, log);
    }
    return log;
  };
  return {
    waitMs: ({ target, limits, nowMs }) => {
      const log = logs.get(target);
      if (!log) return 0;
      let earliest = log.blockedUntil;
      for (const { count, perMs } of limits) {
        if (count < 1 || log.sends.length < count) continue;
        const oldestInWindow = log.sends[log.sends.length - count] as number;
        earliest = Math.max(earliest, oldestInWindow + perMs);
      }
      return Math.max(0, earliest - nowMs);
    },
    record: ({ target, limits, atMs }) => {
      const log = logOf(target);
      log.sends.push(atMs);
      const keep = Math.max(1, ...limits.map((l) => l.count));
      if (log.sends.length > keep) log.sends.splice(0, log.sends.length - keep);
    },
    block: (target, untilMs) => {
      const log = logOf(target);
      log.blockedUntil = Math.max(log.blockedUntil, untilMs);
    },
  };
}

/**
 * Runs at most `limit` tasks at once. A task waiting for a free slot goes before those with a
 * lower `priority` (first come first served among equals): a conversation whose remaining cards
 * need the longest under its limits (Slack's, a second each) is not kept waiting behind a queue
 * of conversations that may take theirs at once (Teams', seven a second).
 */
export function createSemaphore(limit: number): <T>(task: () => Promise<T>, priority?: number) => Promise<T> {
  let active = 0;
  let arrivals = 0;
  // Few hundred waiting at most: a sorted array is simpler than a heap and fast enough.
  const waiting: { priority: number; seq: number; start: () => void }[] = [];
  // A released slot passes straight to the next waiting task, so `active` never exceeds `limit`.
  const release = () => {
    const next = waiting.shift();
    if (next) next.start();
    else active -= 1;
  };
  const enqueue = (priority: number) =>
    new Promise<void>((start) => {
      const entry = { priority, seq: arrivals++, start };
      let at = waiting.length;
      while (at > 0 && (waiting[at - 1] as { priority: number }).priority < priority) at -= 1;
      waiting.splice(at, 0, entry);
    });
  return async (task, priority = 0) => {
    if (active >= limit) await enqueue(priority);
    else active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
