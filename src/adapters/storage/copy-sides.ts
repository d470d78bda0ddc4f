/**
 * The two ends of `copy-data`, each a data directory (copy-dir-sides.ts) or a PostgreSQL database
 * (copy-postgres-sides.ts), opened through the same stores the bot uses: a data directory under its
 * lock (so a running bot, or another copy, keeps it to itself), written through the file store and
 * the audit log's durable appends.
 */
import type { AuditLog } from '../../application/ports/audit-log.js';
import type { Store } from '../../application/ports/store.js';

/** Where data lives: a data directory, or a database named by a checked postgres:// URL. */
export type DataLocation =
  | { kind: 'data-dir'; dir: string; shown: string }
  | { kind: 'postgres'; url: string; shown: string };

export interface ClosableAuditLog extends AuditLog {
  close(): Promise<void>;
}

/** What a copy reads. */
export interface CopySource {
  store: Store;
  audit: ClosableAuditLog;
  /** Lines of audit.jsonl that could not be read (a torn last line): they are not copied. */
  skippedAuditLines: number;
  /** The signing secret kept with the data (the `secret` file, or the database's), if any. */
  secret: string | null;
  close(): Promise<void>;
}

/** What a copy writes into. */
export interface CopyTarget {
  store: Store;
  /** True when it already holds audit entries. */
  hasAudit(): Promise<boolean>;
  /** Empties the audit history (`--replace`), before openAudit. */
  clearAudit(): Promise<void>;
  openAudit(): Promise<ClosableAuditLog>;
  writeSecret(secret: string): Promise<void>;
  close(): Promise<void>;
}
