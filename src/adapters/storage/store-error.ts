import type { WriteFailureReason } from '../../application/ports/store.js';

/** Stable codes for storage failures; callers and logs branch on these, never on message text. */
export type StoreErrorCode =
  | 'store-invalid'
  | 'store-too-new'
  | 'store-unreadable'
  | 'store-write-failed'
  | 'store-closed'
  | 'change-not-sync'
  | 'data-dir-locked'
  | 'audit-invalid'
  | 'audit-write-failed';

/**
 * A storage failure with a stable `code` and, where there is one, the underlying `cause`.
 * A failed write also says why (`writeFailure`, the Store port's WriteFailureReason).
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly writeFailure: WriteFailureReason | null;

  constructor(
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; writeFailure?: WriteFailureReason },
  ) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.writeFailure = options?.writeFailure ?? null;
  }
}

const REASON_BY_ERRNO: Record<string, WriteFailureReason> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
};

const REASON_WORDS: Record<WriteFailureReason, string> = {
  'disk-full': 'the disk is full',
  'read-only': 'the file system is read-only',
  'no-permission': 'permission denied',
  'io-error': 'I/O error',
  'database-unreachable': 'the database cannot be reached',
  'database-error': 'the database refused the write',
};

/** The StoreError for a write to `file` that failed with `cause`, saying why in words and as a reason. */
export function writeFailed(
  code: 'store-write-failed' | 'audit-write-failed',
  file: string,
  cause: unknown,
): StoreError {
  const errno = (cause as NodeJS.ErrnoException | null)?.code;
  const reason = (errno && REASON_BY_ERRNO[errno]) || 'io-error';
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError(code, `Cannot write ${file}: ${REASON_WORDS[reason]} (${detail})`, {
    cause,
    writeFailure: reason,
  });
}

/** True when `error` is a StoreError, optionally with the given code. */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

/** The error for a data file that cannot be loaded, naming it and its first problem. */
export function invalidFile(file: string, problem: string, cause?: unknown): StoreError {
  return new StoreError(
    'store-invalid',
    `Cannot load ${file}: ${problem}. Fix the file or move it away to start empty.`,
    { cause },
  );
}
