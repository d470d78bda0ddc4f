import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Fault injection for tests of a failing disk (SPEC §9), since a root process cannot be stopped
 * by file modes and a small tmpfs needs privileges. When the environment variable
 * `STORE_FAULT_FILE` names a file, every durable write of the store (snapshot, journal line,
 * audit append, the `secret` file) first reads it: if it holds an error code such as `ENOSPC`,
 * `EROFS`, `EACCES` or `EIO`, the write fails with that code before touching the disk. An
 * optional second word limits the fault to files whose name contains it (`ENOSPC audit`).
 * Removing the file, or emptying it, lets writes through again ("the disk recovered").
 * Without the variable nothing is read.
 */
export const FAULT_FILE_ENV = 'STORE_FAULT_FILE';

function readFault(): { code: string; only: string | null } | null {
  const faultFile = process.env[FAULT_FILE_ENV];
  if (!faultFile) return null;
  let text: string;
  try {
    text = readFileSync(faultFile, 'utf8').trim();
  } catch {
    return null;
  }
  const [code, only] = text.split(/\s+/);
  return code ? { code, only: only ?? null } : null;
}

/** Throws the injected error for a write to `file`, if any (see FAULT_FILE_ENV). */
export function throwInjectedFault(file: string): void {
  const fault = readFault();
  if (fault === null) return;
  if (fault.only !== null && !basename(file).includes(fault.only)) return;
  const error = new Error(`${fault.code}: injected fault, write '${file}'`) as NodeJS.ErrnoException;
  error.code = fault.code;
  error.path = file;
  throw error;
}
