import type { Sender } from '../../src/application/ports/sender.js';
import type { SendOutcome } from '../../src/domain/notice.js';
import type { SimulatedTime } from '../../test/adapters/delivery/simulated-time.js';

export interface Limit {
  count: number;
  perMs: number;
}

export const SLACK: readonly Limit[] = [{ count: 1, perMs: 1_000 }];
export const TEAMS: readonly Limit[] = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
];

/** A platform that enforces its per-conversation limits: a send over the limit gets 429 with Retry-After. */
export interface PlatformFake extends Sender {
  accepted: number;
  rejected: number;
  lastAcceptedAt: number;
}

export function createPlatformFake(input: {
  limits: readonly Limit[];
  time: SimulatedTime;
  latencyMs: number;
}): PlatformFake {
  const seen = new Map<string, number[]>();
  let ids = 0;
  const receive = async (target: string): Promise<SendOutcome> => {
    await input.time.sleep(input.latencyMs / 2);
    const now = input.time.nowMs();
    const log = seen.get(target) ?? [];
    for (const { count, perMs } of input.limits) {
      const inWindow = log.filter((t) => t > now - perMs);
      const oldest = inWindow[inWindow.length - count];
      if (oldest !== undefined) {
        fake.rejected += 1;
        return { ok: false, kind: 'rate-limited', retryAfterMs: oldest + perMs - now, detail: '429' };
      }
    }
    log.push(now);
    seen.set(target, log);
    fake.accepted += 1;
    await input.time.sleep(input.latencyMs / 2);
    fake.lastAcceptedAt = input.time.nowMs();
    ids += 1;
    return { ok: true, messageId: `m${ids}` };
  };
  const fake: PlatformFake = {
    accepted: 0,
    rejected: 0,
    lastAcceptedAt: 0,
    limits: input.limits,
    post: ({ target }) => receive(target),
    update: ({ target }) => receive(target),
  };
  return fake;
}

/** The fastest any schedule can deliver `n` messages to one conversation under `limits`, all queued at 0. */
export function fastestMs(n: number, limits: readonly Limit[]): number {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const { count, perMs } of limits) {
      const before = at[i - count];
      if (before !== undefined) t = Math.max(t, before + perMs);
    }
    at.push(t);
  }
  return at.at(-1) ?? 0;
}
