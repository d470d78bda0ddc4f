import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStore, createJsonlAuditLog, LOCK_FILE_NAME } from '../../../src/adapters/storage/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { State } from '../../../src/domain/state.js';

/** What a data directory holds, as the bot would load it: the audit log plus the entries queued in the state. */
export interface Loaded {
  state: State;
  audit: AuditEntry[];
  /** Audit lines that did not parse (a torn last line). */
  skippedAuditLines: number;
}

/**
 * Loads a copy of a data directory no process holds (the lock file left out), so the check neither
 * repairs the original nor changes what the next start finds. Throws when the state or audit does
 * not load: a torn or invalid file.
 */
export async function loadDataDirCopy(dataDir: string): Promise<Loaded> {
  const copy = await mkdtemp(join(tmpdir(), 'suite-copy-'));
  try {
    await cp(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith(LOCK_FILE_NAME) });
    const store = await createFileStore({ dataDir: copy });
    const state = structuredClone(store.read()) as State;
    await store.close();
    const log = await createJsonlAuditLog({ dataDir: copy });
    const audit: AuditEntry[] = [];
    for await (const entry of log.read()) audit.push(entry);
    // The state carries a change's audit entries in the same write (its audit queue) until they
    // are appended to the log; the next start appends those the log lacks (recoverQueuedAudit).
    const inLog = log.lastSeq();
    audit.push(...state.auditQueue.pending.filter((e) => e.seq > inLog));
    await log.close();
    return { state, audit, skippedAuditLines: log.skippedLines };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
