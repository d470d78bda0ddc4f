import type { SendPacing } from '../../application/ports/send-pacing.js';
import { createRateLimiter } from './rate-limiter.js';

/**
 * Pacing kept in this process: enough while one process sends (the embedded store takes the data
 * directory's lock). Slots are held per target so a second run could not send to it meanwhile.
 */
export function createMemorySendPacing(): SendPacing {
  const limiter = createRateLimiter();
  const heldUntil = new Map<string, number>();
  return {
    take: async ({ target, limits, nowMs, holdMs }) => {
      const held = heldUntil.get(target) ?? 0;
      const at = Math.max(held, nowMs + limiter.waitMs({ target, limits, nowMs }));
      if (at > nowMs) return at;
      heldUntil.set(target, nowMs + holdMs);
      return nowMs;
    },
    done: async ({ target, limits, answeredAtMs, retryAfterMs }) => {
      heldUntil.delete(target);
      if (answeredAtMs === null) return;
      if (retryAfterMs !== undefined) limiter.block(target, answeredAtMs + Math.max(0, retryAfterMs));
      else limiter.record({ target, limits, atMs: answeredAtMs });
    },
  };
}
