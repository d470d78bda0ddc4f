import { AuditEntry, type AuditLog } from '../../application/ports/audit-log.js';
import type { Store } from '../../application/ports/store.js';
import { emptyState, State } from '../../domain/state.js';
import { applyChange } from './apply-change.js';
import { StoreError } from './store-error.js';

/** The in-memory Store: same semantics as the file store (serialised, rolled back on throw), no disk. */
export function createMemoryStore(initial?: State): Store {
  const parsed = State.safeParse(structuredClone(initial ?? emptyState()));
  if (!parsed.success) {
    throw new StoreError('store-invalid', `Invalid initial state: ${parsed.error.issues[0]?.message}`, {
      cause: parsed.error,
    });
  }
  const state = parsed.data;
  let closed = false;
  return {
    read: () => state,
    update: async (change) => {
      if (closed) throw new StoreError('store-closed', 'The memory store is closed.');
      const { result } = applyChange(state, change);
      // Resolve on a later tick, as a durable write would, so callers cannot rely on sync order.
      await null;
      return result;
    },
    close: async () => {
      closed = true;
    },
  };
}

/** The in-memory AuditLog, with its entries exposed for assertions. */
export interface MemoryAuditLog extends AuditLog {
  readonly entries: readonly AuditEntry[];
}

/** An AuditLog kept in an array: validated appends, filtered reads, newest entry per integration. */
export function createMemoryAuditLog(): MemoryAuditLog {
  const entries: AuditEntry[] = [];
  const latest = new Map<string, AuditEntry>();
  let lastSeq = 0;
  return {
    entries,
    append: async (batch) => {
      const checked = batch.map((entry, index) => {
        const parsed = AuditEntry.safeParse(entry);
        if (parsed.success) return parsed.data;
        throw new StoreError(
          'audit-invalid',
          `Audit entry ${index} is invalid: ${parsed.error.issues[0]?.message}`,
          {
            cause: parsed.error,
          },
        );
      });
      await null;
      for (const entry of checked) {
        if (entry.seq !== undefined && entry.seq <= lastSeq) continue;
        if (entry.seq !== undefined) lastSeq = entry.seq;
        entries.push(entry);
        if (entry.integrationId !== null) latest.set(entry.integrationId, entry);
      }
    },
    read: async function* (filter = {}) {
      const snapshot = entries.slice();
      for (const entry of snapshot) {
        if (filter.integrationId === undefined || entry.integrationId === filter.integrationId)
          yield { ...entry };
      }
    },
    latestByIntegration: () => latest,
    lastSeq: () => lastSeq,
  };
}
