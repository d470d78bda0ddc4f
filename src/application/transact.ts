import type { PendingAudit, State } from '../domain/state.js';
import type { Deps } from './deps.js';
import type { AuditEntry } from './ports/audit-log.js';

/** What a change records in the audit history, besides its result. */
export interface Change<T> {
  result: T;
  audit?: AuditEntry[];
}

type AuditDeps = Pick<Deps, 'store' | 'audit' | 'logger'>;

/**
 * Numbers a change's audit entries into the state's audit queue, in the same update (so in the
 * same durable write) as the change, and drops queued entries the log already holds. Returns
 * the highest number given so far: every entry up to it is durable once this update is.
 */
function queueAudit(state: State, entries: readonly AuditEntry[], inLog: number): number {
  const queue = state.auditQueue;
  if (entries.length === 0) return queue.seq;
  const kept = queue.pending.filter((e) => e.seq > inLog);
  let seq = queue.seq;
  for (const entry of entries) kept.push({ ...entry, seq: ++seq } as PendingAudit);
  state.auditQueue = { seq, pending: kept };
  return seq;
}

/**
 * Appends the queued audit entries numbered up to `upTo` that the log does not hold yet, in
 * order. A failure is logged, not thrown: the change itself is durable, and its entries stay
 * queued in the state, to be appended by the next change or at the next start.
 */
export async function appendQueuedAudit(deps: AuditDeps, upTo: number): Promise<void> {
  const inLog = deps.audit.lastSeq();
  if (upTo <= inLog) return;
  const due = deps.store.read().auditQueue.pending.filter((e) => e.seq > inLog && e.seq <= upTo);
  if (due.length === 0) return;
  try {
    await deps.audit.append(due);
  } catch (error) {
    deps.logger.error('audit entries not appended yet; they are kept with the state and retried', {
      entries: due.length,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Runs one serialised, durable change of the state. Its audit entries are written in the same
 * durable state write (docs/product.md#safety-and-data: a change and its audit entry are durable together), then
 * appended to the audit log, which stays a separate append-only file for exports.
 */
export async function transact<T>(deps: AuditDeps, change: (state: State) => Change<T>): Promise<T> {
  const { result, upTo } = await deps.store.update((state) => {
    const { result, audit } = change(state);
    return { result, upTo: queueAudit(state, audit ?? [], deps.audit.lastSeq()) };
  });
  await appendQueuedAudit(deps, upTo);
  return result;
}

/**
 * At start-up: appends queued entries a crash or a failed append left out of the log (the log
 * skips those it holds), then drops from the queue what the log now holds. A log numbered past
 * the state (a state file restored from an older copy) moves the numbering on, so new entries
 * are never mistaken for ones the log holds.
 */
export async function recoverQueuedAudit(deps: AuditDeps): Promise<void> {
  await appendQueuedAudit(deps, deps.store.read().auditQueue.seq);
  const inLog = deps.audit.lastSeq();
  const queue = deps.store.read().auditQueue;
  if (queue.seq >= inLog && !queue.pending.some((e) => e.seq <= inLog)) return;
  await deps.store.update((state) => {
    const pending = state.auditQueue.pending.filter((e) => e.seq > inLog);
    state.auditQueue = { seq: Math.max(state.auditQueue.seq, inLog), pending };
  });
}

export function auditEntry(input: {
  at: Date;
  actor: string;
  action: string;
  integrationId?: string | null;
  details: string;
}): AuditEntry {
  return {
    at: input.at.toISOString(),
    actor: input.actor,
    action: input.action,
    integrationId: input.integrationId ?? null,
    details: input.details,
  };
}
