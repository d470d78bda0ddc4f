/** Why `copy-data` would not copy; the command prints the message and exits with a code of its own. */
export type CopyRefusalCode = 'bad-argument' | 'source-missing' | 'target-not-empty' | 'same-location';

/** A copy refused before anything was written: one line, never a password. */
export class CopyRefused extends Error {
  readonly code: CopyRefusalCode;

  constructor(code: CopyRefusalCode, message: string) {
    super(message);
    this.name = 'CopyRefused';
    this.code = code;
  }
}

export const isCopyRefused = (error: unknown): error is CopyRefused => error instanceof CopyRefused;
