/**
 * PostgreSQL failures in the words of the Store port: a StoreError whose `writeFailure` a channel
 * turns into "The bot could not save this change: …" (application/answer-write-failure.ts).
 */
import type { WriteFailureReason } from '../../../application/ports/store.js';
import { StoreError } from '../store-error.js';

/** SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) with a reason of their own. */
const REASON_BY_SQLSTATE: Record<string, WriteFailureReason> = {
  '53100': 'disk-full',
  '25006': 'read-only',
  '42501': 'no-permission',
  '28000': 'no-permission',
  '28P01': 'no-permission',
  '57P01': 'database-unreachable',
  '57P02': 'database-unreachable',
  '57P03': 'database-unreachable',
};

const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/** True when the error means the connection is gone or could not be made (the client must not be reused). */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (NETWORK_ERRNOS.has(code) || code.startsWith('08') || code.startsWith('57P'))
  )
    return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

/** Why a database operation failed, as a WriteFailureReason. */
export function reasonOf(error: unknown): WriteFailureReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASON_BY_SQLSTATE[code]) return REASON_BY_SQLSTATE[code];
  return isConnectionLoss(error) ? 'database-unreachable' : 'database-error';
}

/** The StoreError for a change the database did not take (the change is undone). */
export function databaseWriteFailed(
  code: 'store-write-failed' | 'audit-write-failed',
  cause: unknown,
): StoreError {
  const reason = reasonOf(cause);
  const detail = cause instanceof Error ? cause.message : String(cause);
  const what = code === 'audit-write-failed' ? 'the audit log' : 'the state';
  return new StoreError(code, `Cannot write ${what} to PostgreSQL: ${reason} (${detail})`, {
    cause,
    writeFailure: reason,
  });
}
