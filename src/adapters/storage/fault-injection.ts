import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Fault injection for tests of a failing disk (docs/product.md#safety-and-data), since a root process cannot be stopped
 * by file modes and a small tmpfs needs privileges. When the environment variable
 * `STORE_FAULT_FILE` names a file, every durable write of the store (snapshot, journal line,
 * audit append, the `secret` file) first reads it: if it holds an error code such as `ENOSPC`,
 * `EROFS`, `EACCES` or `EIO`, the write fails with that code before touching the disk. An
 * optional second word limits the fault to files whose name contains it (`ENOSPC audit`; `*`
 * for every file). An optional third word `sync` fails the write after its bytes reached the
 * file, as a failed fsync would (`EIO audit sync`), leaving a partial write to clean up.
 * Removing the file, or emptying it, lets writes through again ("the disk recovered").
 * Without the variable nothing is read.
 */
export const FAULT_FILE_ENV = 'STORE_FAULT_FILE';

/** Where in a write the fault strikes: before any byte is written, or at the sync after writing. */
export type FaultStage = 'write' | 'sync';

function readFault(): { code: string; only: string | null; stage: FaultStage } | null {
  const faultFile = process.env[FAULT_FILE_ENV];
  if (!faultFile) return null;
  let text: string;
  try {
    text = readFileSync(faultFile, 'utf8').trim();
  } catch {
    return null;
  }
  const [code, only, stage] = text.split(/\s+/);
  if (!code) return null;
  return { code, only: only && only !== '*' ? only : null, stage: stage === 'sync' ? 'sync' : 'write' };
}

/** Throws the injected error for a write to `file` at `stage`, if any (see FAULT_FILE_ENV). */
export function throwInjectedFault(file: string, stage: FaultStage = 'write'): void {
  const fault = readFault();
  if (fault === null || fault.stage !== stage) return;
  if (fault.only !== null && !basename(file).includes(fault.only)) return;
  const error = new Error(`${fault.code}: injected fault, write '${file}'`) as NodeJS.ErrnoException;
  error.code = fault.code;
  error.path = file;
  throw error;
}
