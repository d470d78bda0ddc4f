import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import {
  HEARTBEAT_MS,
  judgeOwner,
  type LockOwner,
  MISSED_BEATS,
  processStart,
  type Verdict,
} from './lock-owner.js';
import { StoreError } from './store-error.js';

/** Proof that this process owns a data directory; `release` is idempotent. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export const LOCK_FILE_NAME = 'bot.lock';

/** Locks this process holds, released together if it exits without closing them. */
const held = new Map<string, () => void>();
let exitHookInstalled = false;

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function lockedError(owner: LockOwner, file: string, verdict: Verdict): StoreError {
  const who = `Another bot process (pid ${owner.pid} on host ${owner.host}) holds the lock ${file}`;
  if (!verdict.alive || verdict.sameHost)
    return new StoreError('data-dir-locked', `${who}; stop it or use another DATA_DIR.`);
  const seconds = (HEARTBEAT_MS * MISSED_BEATS) / 1000;
  return new StoreError(
    'data-dir-locked',
    `${who} and refreshed it less than ${seconds} s ago; stop it or use another DATA_DIR. If that process is gone, start again after ${verdict.recoverableAt.toISOString()}, when its lock counts as stale.`,
  );
}

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

interface ReadLock {
  text: string;
  owner: LockOwner | null;
  mtimeMs: number;
}

function readLock(file: string): ReadLock | null {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(file, 'utf8');
    mtimeMs = statSync(file).mtimeMs;
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    const valid = Number.isInteger(parsed.pid) && typeof parsed.host === 'string';
    return { text, mtimeMs, owner: valid ? (parsed as LockOwner) : null };
  } catch {
    return { text, mtimeMs, owner: null };
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

/** Refreshes the lock's mtime while it is still ours, so other hosts see its owner is alive. */
function startHeartbeat(file: string, content: string, everyMs: number): () => void {
  const timer = setInterval(() => {
    try {
      if (readFileSync(file, 'utf8') !== content) {
        // Taken over after missed beats (a stalled process): say so once, on stderr, and stop refreshing.
        clearInterval(timer);
        process.emitWarning(
          `The lock ${file} was taken over by another process; this one no longer owns its data directory.`,
        );
        return;
      }
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // A missed beat is retried at the next one; only several in a row let another host take over.
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function holdLock(file: string, content: string, heartbeatMs: number): DataDirLock {
  let released = false;
  const stopBeating = startHeartbeat(file, content, heartbeatMs);
  const release = () => {
    if (released) return;
    released = true;
    stopBeating();
    held.delete(file);
    removeIfUnchanged(file, content);
  };
  held.set(file, release);
  installExitHook();
  return { file, release };
}

/**
 * Makes this process the only one using `dataDir`, through an exclusive lock file holding its
 * pid, host, process start and start time, whose mtime it refreshes every `heartbeatMs`. A lock
 * left by a dead process is taken over: on this host a dead pid or a pid now running another
 * process, on another host one not refreshed for `MISSED_BEATS` heartbeats. A live owner is
 * refused with a StoreError `data-dir-locked` naming its host, pid and the lock file.
 */
export function acquireDataDirLock(
  dataDir: string,
  options: { clock?: Clock; heartbeatMs?: number } = {},
): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE_NAME);
  const self: LockOwner = { pid: process.pid, host: hostname(), procStart: processStart(process.pid) };
  if (held.has(file)) throw lockedError(self, file, { alive: true, sameHost: true });
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now().toISOString();
  const content = JSON.stringify({ ...self, startedAt, token: randomUUID() });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, content)) return holdLock(file, content, options.heartbeatMs ?? HEARTBEAT_MS);
    const existing = readLock(file);
    if (existing === null) continue;
    const verdict = judgeOwner({ ...existing, nowMs: Date.now() });
    if (verdict.alive && existing.owner) throw lockedError(existing.owner, file, verdict);
    removeIfUnchanged(file, existing.text);
  }
  throw new StoreError(
    'data-dir-locked',
    `Could not take the lock ${file}; another process keeps replacing it.`,
  );
}
