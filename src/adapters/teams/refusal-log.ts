import type { Logger } from '../../application/ports/logger.js';

/**
 * Logs refused Bot Framework tokens as one short warn line (no stack), at most one per interval, with how
 * many were refused since the last line: anyone who reaches the port can send them, so one line each would
 * let them flood the log.
 */
export function createRefusalLog(input: { logger: Logger; now?: () => number; intervalMs?: number }) {
  const now = input.now ?? Date.now;
  const interval = input.intervalMs ?? 60_000;
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (reason: string): void => {
    const at = now();
    if (at - lastAt < interval) {
      suppressed += 1;
      return;
    }
    input.logger.warn('teams request refused: not authenticated', {
      reason: reason.split('\n')[0]?.slice(0, 160) ?? '',
      ...(suppressed ? { alsoRefusedSinceLastLine: suppressed } : {}),
    });
    lastAt = at;
    suppressed = 0;
  };
}
