import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

/** Mounts a small tmpfs at `dir`; null when done, else why it could not (no root, no mount). */
export function mountTmpfs(dir: string, sizeMb: number): string | null {
  mkdirSync(dir, { recursive: true });
  try {
    run(['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  }
}

/** Remounts `dir` read-only or read-write; the error text when the kernel refuses. */
export function remount(dir: string, mode: 'ro' | 'rw'): string | null {
  try {
    run(['-o', `remount,${mode}`, dir]);
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

/** Fills the file system under `dir` with one file until it is full (bounded by `maxMb`); returns the file. */
export function fillDisk(dir: string, maxMb: number): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  try {
    // Large pieces first, then single pages, so no whole page is left free.
    for (const size of [64 * 1024, 4096, 512]) {
      const chunk = Buffer.alloc(size);
      try {
        for (let i = 0; i < (maxMb * 1024 * 1024) / size + 1; i++) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * A DATA_DIR on a fresh `sizeMb` tmpfs under a temporary folder named `prefix…`: the folders, and
 * why it could not be mounted (null when it was; the suite then skips with that reason).
 */
export function tmpfsDataDir(prefix: string, sizeMb: number) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const mnt = join(root, 'disk');
  return { root, mnt, dataDir: join(mnt, 'data'), cannotMount: mountTmpfs(mnt, sizeMb) };
}
