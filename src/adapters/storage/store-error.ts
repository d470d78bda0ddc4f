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

/** A storage failure with a stable `code` and, where there is one, the underlying `cause`. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
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
