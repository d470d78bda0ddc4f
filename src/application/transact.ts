import type { State } from '../domain/state.js';
import type { Deps } from './deps.js';
import type { AuditEntry } from './ports/audit-log.js';

/** What a change records in the audit history, besides its result. */
export interface Change<T> {
  result: T;
  audit?: AuditEntry[];
}

/**
 * Runs one serialised, durable change of the state, then appends its audit entries.
 * The audit history is a separate append-only file so that it never slows the state writes.
 */
export async function transact<T>(
  deps: Pick<Deps, 'store' | 'audit'>,
  change: (state: State) => Change<T>,
): Promise<T> {
  const { result, audit } = await deps.store.update(change);
  if (audit?.length) await deps.audit.append(audit);
  return result;
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
