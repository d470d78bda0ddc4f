import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import { StoreError } from './store-error.js';

/** Proof that this process owns a data directory; `release` is idempotent. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export const LOCK_FILE_NAME = 'bot.lock';

interface LockOwner {
  pid: number;
  host: string;
}

/** Locks this process holds, released together if it exits without closing them. */
const held = new Map<string, () => void>();
let exitHookInstalled = false;

const lockedError = (pid: number, dir: string) =>
  new StoreError(
    'data-dir-locked',
    `Another bot process (pid ${pid}) is already using ${dir}; stop it or use another DATA_DIR.`,
  );

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function writeNew(file: string, content: string): void {
  const fd = openSync(file, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the lock file with its content in one step (a hard link of a complete file); false if it exists. */
function tryCreate(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomUUID()}`;
  writeNew(temp, content);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    // File systems without hard links: fall back to an exclusive create.
    try {
      writeNew(file, content);
      return true;
    } catch (fallbackError) {
      if (code(fallbackError) === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    unlinkSync(temp);
  }
}

function readLock(file: string): { text: string; owner: LockOwner | null } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    const valid = Number.isInteger(parsed.pid) && typeof parsed.host === 'string';
    return { text, owner: valid ? (parsed as LockOwner) : null };
  } catch {
    return { text, owner: null };
  }
}

/** Whether the lock's owner may still be running; a lock left by a dead process is stale. */
function isAlive(owner: LockOwner | null): owner is LockOwner {
  if (owner === null) return false;
  if (owner.host !== hostname()) return true;
  // Our own pid, yet not held here: an earlier process that had the same pid (pid 1 in a container).
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return code(error) !== 'ESRCH';
  }
}

function removeIfUnchanged(file: string, text: string): void {
  // Re-read first, so a lock another process has just taken over is not removed.
  if (readLock(file)?.text !== text) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw error;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const release of [...held.values()]) release();
  });
}

function holdLock(file: string, content: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    removeIfUnchanged(file, content);
  };
  held.set(file, release);
  installExitHook();
  return { file, release };
}

/**
 * Makes this process the only one using `dataDir`, through an exclusive lock file holding its
 * pid and start time. A lock left by a process that is no longer alive is taken over; a live
 * one is refused with a StoreError `data-dir-locked`.
 */
export function acquireDataDirLock(dataDir: string, options: { clock?: Clock } = {}): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE_NAME);
  if (held.has(file)) throw lockedError(process.pid, dir);
  const startedAt = (options.clock ?? systemClock).now().toISOString();
  const content = JSON.stringify({ pid: process.pid, host: hostname(), startedAt, token: randomUUID() });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, content)) return holdLock(file, content);
    const existing = readLock(file);
    if (existing === null) continue;
    if (isAlive(existing.owner)) throw lockedError(existing.owner.pid, dir);
    removeIfUnchanged(file, existing.text);
  }
  throw new StoreError(
    'data-dir-locked',
    `Could not take the lock ${file}; another process keeps replacing it.`,
  );
}
