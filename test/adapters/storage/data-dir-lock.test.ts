import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  acquireDataDirLock,
  createFileStore,
  type DataDirLock,
  LOCK_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import { HEARTBEAT_MS, MISSED_BEATS, processStart } from '../../../src/adapters/storage/lock-owner.js';
import { crash, startStoreProcess } from './store-process.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

const refusal = (pid: number, dir: string) =>
  `Another bot process (pid ${pid} on host ${hostname()}) holds the lock ${join(dir, LOCK_FILE_NAME)}; stop it or use another DATA_DIR.`;

/** The pid of a process that has already exited. */
function aDeadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '0']);
  return done.pid;
}

async function writeLock(dataDir: string, owner: Record<string, unknown>): Promise<void> {
  await writeFile(join(dataDir, LOCK_FILE_NAME), JSON.stringify(owner));
}

async function lockOwner(dataDir: string): Promise<{ pid: number; startedAt: string }> {
  return JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8'));
}

function withLock(dataDir: string, use: (lock: DataDirLock) => void): void {
  const lock = acquireDataDirLock(dataDir);
  try {
    use(lock);
  } finally {
    lock.release();
  }
}

describe('acquireDataDirLock', () => {
  it('writes this process id and start time into the lock, and removes it on release', async () => {
    const dataDir = await tempDir();
    const lock = acquireDataDirLock(dataDir);
    expect(await lockOwner(dataDir)).toMatchObject({ pid: process.pid, startedAt: expect.any(String) });
    lock.release();
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('refuses a second lock on the same directory within one process', async () => {
    const dataDir = await tempDir();
    withLock(dataDir, () => {
      expect(() => acquireDataDirLock(dataDir)).toThrow(refusal(process.pid, dataDir));
    });
  });

  it('takes over a lock left by a process that is no longer alive', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: aDeadPid(), host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' });
    withLock(dataDir, () => {});
  });

  it('takes over a lock bearing its own pid that it does not hold (a restarted container)', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: process.pid, host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' });
    withLock(dataDir, () => {});
  });

  it('takes over a lock file whose content is unreadable', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, LOCK_FILE_NAME), '');
    withLock(dataDir, () => {});
  });

  it('refuses a lock from another host refreshed lately, naming its host, pid, file and when it becomes stale', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: 4242, host: 'old-container', startedAt: '2024-01-01T00:00:00.000Z' });
    const file = join(dataDir, LOCK_FILE_NAME);
    // Whole seconds, so the mtime read back is exactly the one set.
    const beatSeconds = Math.floor(Date.now() / 1000) - 5;
    utimesSync(file, beatSeconds, beatSeconds);
    const recoverableAt = new Date(beatSeconds * 1000 + HEARTBEAT_MS * MISSED_BEATS).toISOString();
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      expect.objectContaining({
        code: 'data-dir-locked',
        message: expect.stringContaining(`pid 4242 on host old-container) holds the lock ${file}`),
      }),
    );
    expect(() => acquireDataDirLock(dataDir)).toThrow(`start again after ${recoverableAt}`);
    expect((await lockOwner(dataDir)).pid).toBe(4242);
  });

  it('takes over a lock from another host once it has missed its heartbeats (a recreated container)', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, { pid: 1, host: 'old-container', startedAt: '2024-01-01T00:00:00.000Z' });
    const file = join(dataDir, LOCK_FILE_NAME);
    const lastBeat = new Date(Date.now() - HEARTBEAT_MS * MISSED_BEATS - 1_000);
    utimesSync(file, lastBeat, lastBeat);
    withLock(dataDir, () => {});
  });

  it('takes over a lock whose pid is alive but now runs another process (a reused pid)', async () => {
    const dataDir = await tempDir();
    const live = process.ppid;
    await writeLock(dataDir, { pid: live, host: hostname(), procStart: 'another-boot:1', startedAt: 'x' });
    withLock(dataDir, () => {});
  });

  it('refuses a lock whose pid is alive and still runs the process that wrote it', async () => {
    const dataDir = await tempDir();
    const live = process.ppid;
    await writeLock(dataDir, { pid: live, host: hostname(), procStart: processStart(live), startedAt: 'x' });
    expect(() => acquireDataDirLock(dataDir)).toThrow(refusal(live, dataDir));
  });

  it('records its own process start, and refreshes the lock while held', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const dataDir = await tempDir();
      const lock = acquireDataDirLock(dataDir, { heartbeatMs: 1_000 });
      expect(await lockOwner(dataDir)).toMatchObject({ procStart: processStart(process.pid) });
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(lock.file, old, old);
      vi.advanceTimersByTime(1_000);
      expect(statSync(lock.file).mtimeMs).toBeGreaterThan(old.getTime() + 60_000);
      lock.release();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a lock taken over while held', () => {
  it('warns once that this process no longer owns the directory, and stops refreshing the lock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const dataDir = await tempDir();
      const lock = acquireDataDirLock(dataDir, { heartbeatMs: 1_000 });
      await writeLock(dataDir, { pid: 4242, host: 'another-host', startedAt: 'x' });
      const theirs = Math.floor(Date.now() / 1000) - 3_600;
      utimesSync(lock.file, theirs, theirs);
      vi.advanceTimersByTime(3_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([
        `The lock ${lock.file} was taken over by another process; this one no longer owns its data directory.`,
      ]);
      expect(statSync(lock.file).mtimeMs).toBe(theirs * 1000);
      lock.release();
      expect((await lockOwner(dataDir)).pid).toBe(4242);
    } finally {
      process.off('warning', onWarning);
      vi.useRealTimers();
    }
  });
});

describe('createFileStore and the data-directory lock', () => {
  it('is refused while another process uses the directory, and takes over once that process is gone', async () => {
    const dataDir = await tempDir();
    const other = startStoreProcess({ dataDir, mode: 'hold' });
    try {
      await other.lineMatching((line) => line === 'ready');
      await expect(createFileStore({ dataDir })).rejects.toMatchObject({
        code: 'data-dir-locked',
        message: refusal(other.pid, dataDir),
      });
    } finally {
      await crash(other);
    }
    // The killed process could not remove its lock: it is stale now.
    expect((await lockOwner(dataDir)).pid).toBe(other.pid);
    const store = await createFileStore({ dataDir });
    expect((await lockOwner(dataDir)).pid).toBe(process.pid);
    await store.close();
  });

  it('makes another process refuse to start while this one holds the directory', async () => {
    const dataDir = await tempDir();
    const store = await createFileStore({ dataDir });
    try {
      const other = startStoreProcess({ dataDir, mode: 'hold' });
      const line = await other.lineMatching((l) => l.startsWith('{'));
      expect(JSON.parse(line)).toEqual({ code: 'data-dir-locked', message: refusal(process.pid, dataDir) });
      expect((await other.exited).code).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('releases the directory when its process exits without closing the store', async () => {
    const dataDir = await tempDir();
    const other = startStoreProcess({ dataDir, mode: 'exit' });
    expect((await other.exited).code).toBe(0);
    expect(other.lines).toContain('ready');
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('releases the directory on close, so the next process can open it', async () => {
    const dataDir = await tempDir();
    await (await createFileStore({ dataDir })).close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    await (await createFileStore({ dataDir })).close();
  });
});
