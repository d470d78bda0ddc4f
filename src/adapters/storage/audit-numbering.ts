/**
 * Audit entries written before the audit queue existed carry no `seq`. A data directory keeps them
 * as they are, but the database numbers every entry and skips a number it already holds, so an
 * unnumbered entry given number 1 would push out the numbered entry 1 that follows it. A copy into
 * a database therefore numbers every entry by its place in the history, and moves the state's
 * audit queue past the new numbers, so entries still waiting in it are appended once, after them.
 */
import type { AuditEntry } from '../../application/ports/audit-log.js';
import type { AuditQueue } from '../../domain/state.js';

/** What one pass over a history found: how many entries, how many without a number, the highest number. */
export interface AuditScan {
  total: number;
  unnumbered: number;
  lastNumbered: number;
}

export async function scanAudit(entries: AsyncIterable<AuditEntry>): Promise<AuditScan> {
  const scan: AuditScan = { total: 0, unnumbered: 0, lastNumbered: 0 };
  for await (const entry of entries) {
    scan.total += 1;
    if (entry.seq === undefined) scan.unnumbered += 1;
    else scan.lastNumbered = Math.max(scan.lastNumbered, entry.seq);
  }
  return scan;
}

/** The entry renumbered as the `position`-th (from 1) of the history. */
export const numberedAt = (entry: AuditEntry, position: number): AuditEntry => ({ ...entry, seq: position });

/**
 * The audit queue once the history's `total` entries are numbered 1…total: waiting entries (those
 * past `lastNumbered`, the log's last number before) keep their order after `total`; entries the
 * log already held are dropped from the queue, as start-up recovery would drop them.
 */
export function renumberedQueue(queue: AuditQueue, scan: AuditScan): AuditQueue {
  const shift = scan.total - scan.lastNumbered;
  return {
    seq: Math.max(queue.seq, scan.lastNumbered) + shift,
    pending: queue.pending
      .filter((e) => e.seq > scan.lastNumbered)
      .map((e) => ({ ...e, seq: e.seq + shift })),
  };
}
