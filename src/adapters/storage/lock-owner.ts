import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lock file says about the process that wrote it. */
export interface LockOwner {
  pid: number;
  host: string;
  /** Identifies this run of the pid: boot id and start time (Linux), so a reused pid is told apart. */
  procStart?: string | null;
}

/** How often the owner refreshes its lock (the file's mtime), and how many missed beats make it stale. */
export const HEARTBEAT_MS = 10_000;
export const MISSED_BEATS = 3;

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * The boot id and start time (clock ticks since boot, field 22 of /proc/<pid>/stat) of a
 * process; null where /proc is missing (not Linux) or the process is gone. Two processes with
 * the same pid never share both.
 */
export function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = fields[22 - 3];
  if (startTicks === undefined) return null;
  const boot = readText('/proc/sys/kernel/random/boot_id') ?? 'unknown-boot';
  return `${boot}:${startTicks}`;
}

/** Why a lock's owner counts as alive, for the refusal; null when the lock is stale. */
export type Verdict =
  | { alive: false }
  | { alive: true; sameHost: true }
  | { alive: true; sameHost: false; recoverableAt: Date };

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) !== 'ESRCH';
  }
}

/**
 * Judges a lock this process does not hold. Same host: stale when its pid is dead, or alive but
 * started at another time (the pid was reused). Another host (whose processes cannot be seen):
 * stale once the owner has missed `MISSED_BEATS` heartbeats, judged by the file's mtime.
 */
export function judgeOwner(input: { owner: LockOwner | null; mtimeMs: number; nowMs: number }): Verdict {
  const { owner } = input;
  if (owner === null) return { alive: false };
  if (owner.host !== hostname()) {
    const recoverableAt = input.mtimeMs + HEARTBEAT_MS * MISSED_BEATS;
    return recoverableAt <= input.nowMs
      ? { alive: false }
      : { alive: true, sameHost: false, recoverableAt: new Date(recoverableAt) };
  }
  // Our own pid, yet not held here: an earlier process that had the same pid (pid 1 in a container).
  if (owner.pid === process.pid || !pidExists(owner.pid)) return { alive: false };
  if (owner.procStart) {
    const now = processStart(owner.pid);
    if (now !== null && now !== owner.procStart) return { alive: false };
  }
  return { alive: true, sameHost: true };
}
