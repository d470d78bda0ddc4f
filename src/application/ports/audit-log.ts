import { z } from 'zod';

export const AuditEntry = z.object({
  at: z.string(),
  /** A person id, or `scheduler` / `system`. */
  actor: z.string(),
  action: z.string(),
  integrationId: z.string().nullable(),
  /** Human-readable "before → after" or other details. */
  details: z.string(),
  /** The entry's number in the state's audit queue; an append skips numbers the log already holds. */
  seq: z.number().int().positive().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The append-only history of every change (docs/product.md#audit); nothing rewrites it. */
export interface AuditLog {
  /** Appends durably, in order; entries whose `seq` the log already holds are skipped (idempotent). */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Entries in order, optionally for one integration. */
  read(filter?: { integrationId?: string }): AsyncIterable<AuditEntry>;
  /** The newest entry per integration (for the report), kept in memory. */
  latestByIntegration(): ReadonlyMap<string, AuditEntry>;
  /** The highest `seq` in the log (0 for none): appending an entry numbered at or below it does nothing. */
  lastSeq(): number;
}
