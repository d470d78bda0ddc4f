import type { Sender } from '../../../src/application/ports/sender.js';
import type { SendOutcome } from '../../../src/domain/notice.js';
import type { SimulatedTime } from './simulated-time.js';

/** A card the platform accepted: where, when it arrived (simulated ms), and which card. */
export interface Arrival {
  target: string;
  at: number;
  title: string;
}

/**
 * A platform in simulated time that enforces per-conversation limits as the real ones do: a post
 * arriving over a limit is refused with 429 and the Retry-After until it would be accepted, and
 * is not delivered. Requests take `requestMs(target, n)` to arrive (n: the target's nth request,
 * from 1), so arrivals can bunch up although the sends left a second apart; answers take `answerMs`.
 * `refuse(target, n)` makes the platform answer 429 with that Retry-After whatever the limits say.
 */
export interface LimitedPlatform extends Sender {
  arrivals: Arrival[];
  /** 429s answered. */
  rejected: number;
}

export function createLimitedPlatform(input: {
  limits: readonly { count: number; perMs: number }[];
  time: SimulatedTime;
  requestMs?: (target: string, n: number) => number;
  answerMs?: number;
  refuse?: (target: string, n: number) => number | undefined;
}): LimitedPlatform {
  const accepted = new Map<string, number[]>();
  const requests = new Map<string, number>();
  let ids = 0;
  const receive = async (target: string, title: string): Promise<SendOutcome> => {
    const n = (requests.get(target) ?? 0) + 1;
    requests.set(target, n);
    await input.time.sleep(input.requestMs?.(target, n) ?? 0);
    const now = input.time.nowMs();
    const log = accepted.get(target) ?? [];
    let wait = input.refuse?.(target, n) ?? 0;
    for (const { count, perMs } of input.limits) {
      const inWindow = log.filter((t) => t > now - perMs);
      const oldest = inWindow[inWindow.length - count];
      if (oldest !== undefined) wait = Math.max(wait, oldest + perMs - now);
    }
    await input.time.sleep(input.answerMs ?? 0);
    if (wait > 0) {
      platform.rejected += 1;
      return { ok: false, kind: 'rate-limited', retryAfterMs: wait, detail: `429, retry after ${wait} ms` };
    }
    log.push(now);
    accepted.set(target, log);
    platform.arrivals.push({ target, at: now, title });
    ids += 1;
    return { ok: true, messageId: `m${ids}` };
  };
  const titleOf = (view: unknown) => {
    const v = view as { kind?: string; variant?: string; title?: string };
    return v.variant ?? v.title ?? v.kind ?? '?';
  };
  const platform: LimitedPlatform = {
    arrivals: [],
    rejected: 0,
    limits: input.limits,
    post: ({ target, view }) => receive(target, titleOf(view)),
    update: ({ target, view }) => receive(target, titleOf(view)),
  };
  return platform;
}
