import type { Logger } from '../../application/ports/logger.js';
import type { DeliveryLine } from './apply-attempts.js';

const MAX_REASON = 200;
// A platform error may echo a request's headers or URL; tokens never reach a log line (docs/product.md#safety-and-data).
const SECRETS = [/xox[a-z]-[\w-]+/gi, /Bearer\s+[\w.~+/=-]+/gi, /eyJ[\w-]+\.[\w-]+\.[\w-]+/g];

/** The reason of a failed attempt, bounded and with anything token-like blanked. */
export function safeReason(detail: string): string {
  return SECRETS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), detail).slice(0, MAX_REASON);
}

/**
 * One warning per failed attempt (each attempt is applied once, so retries of a run never repeat
 * a line): which platform and kind of target, what the platform answered, and what happens next.
 */
export function logFailedAttempts(
  logger: Logger,
  input: { lines: readonly DeliveryLine[]; isPerson: (target: string) => boolean },
): void {
  for (const line of input.lines) {
    if (!line.failed) continue;
    logger.warn('delivery attempt failed', {
      notice: line.noticeId,
      platform: line.target.slice(0, line.target.indexOf(':')),
      targetKind: input.isPerson(line.target) ? 'person' : 'conversation',
      reason: safeReason(line.detail),
      decision: line.result === 'retry' ? `retry after ${line.retryAt ?? 'backoff'}` : 'given up',
    });
  }
}
