import { constants, fstatSync, statSync } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from './durable-write.js';
import { throwInjectedFault } from './fault-injection.js';

/** Appends journal lines durably; knows how much the journal holds since it was last emptied. */
export interface JournalWriter {
  readonly file: string;
  /** Whole lines and bytes in the journal. */
  size(): { lines: number; bytes: number };
  /** Writes one line (newline included) after the last whole one, durably; a failure leaves nothing to replay. */
  append(line: string): Promise<void>;
  /** Empties the journal once a snapshot holds all of it; best effort, as its old lines are ignored on load. */
  reset(): Promise<void>;
  /** Deletes the journal file (after a final snapshot). */
  remove(): Promise<void>;
  /** Lets go of the open file, if any. */
  close(): Promise<void>;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * With O_DSYNC each write returns once its data is on disk, as a write followed by fdatasync
 * would, in one system call. Where the flag is missing (Windows), appends call datasync.
 */
const DSYNC: number = constants.O_DSYNC ?? 0;

async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    written += bytesWritten;
  }
}

/** False once the open file is no longer the one at `file` (unlinked, or its directory removed or replaced). */
function stillAt(handle: FileHandle, file: string): boolean {
  try {
    const held = fstatSync(handle.fd);
    if (held.nlink === 0) return false;
    const named = statSync(file);
    return named.ino === held.ino && named.dev === held.dev;
  } catch {
    return false;
  }
}

/**
 * Holds the journal open between appends (opening, syncing and closing it for every line cost more
 * than the line itself), but checks before each append that the open file is still the one at its
 * path, and opens the path again when not: so a data directory removed or replaced under the
 * process still fails the write instead of writing to a file nobody will read.
 * `start` is what the journal holds already (from the load, a torn tail excluded).
 */
export function createJournalWriter(input: {
  file: string;
  start: { lines: number; bytes: number; exists: boolean };
}): JournalWriter {
  const { file } = input;
  let { lines, bytes, exists } = input.start;
  // Set when the file may hold bytes past `bytes` (a failed append, a reset not yet done): cut them first.
  let dirty = true;
  let held: FileHandle | null = null;

  const release = async () => {
    const handle = held;
    held = null;
    await handle?.close().catch(() => {});
  };

  const handleFor = async (): Promise<FileHandle> => {
    if (held && stillAt(held, file)) return held;
    await release();
    // A file opened anew may hold anything past `bytes`: cut it before writing.
    dirty = true;
    held = await open(file, constants.O_RDWR | constants.O_CREAT | DSYNC);
    return held;
  };

  const append = async (line: string) => {
    throwInjectedFault(file);
    const data = Buffer.from(line, 'utf8');
    const handle = await handleFor();
    try {
      if (dirty) await handle.truncate(bytes);
      dirty = true;
      await writeAll(handle, data, bytes);
      throwInjectedFault(file, 'sync');
      if (DSYNC === 0) await handle.datasync();
      if (!exists) await syncDirectory(dirname(file));
    } catch (error) {
      await release();
      throw error;
    }
    exists = true;
    dirty = false;
    bytes += data.length;
    lines += 1;
  };

  const reset = async () => {
    lines = 0;
    bytes = 0;
    dirty = true;
    await release();
    if (!exists) return;
    const handle = await open(file, 'r+').catch(() => null);
    if (handle === null) return;
    try {
      await handle.truncate(0);
      await handle.sync();
      dirty = false;
    } catch {
      // Every line is in the snapshot by now, so leaving them is harmless: the next append cuts them.
    } finally {
      await handle.close();
    }
  };

  return {
    file,
    size: () => ({ lines, bytes }),
    append,
    reset,
    remove: async () => {
      lines = 0;
      bytes = 0;
      await release();
      try {
        await unlink(file);
      } catch (error) {
        if (code(error) === 'ENOENT') return;
        throw error;
      } finally {
        exists = false;
      }
      await syncDirectory(dirname(file));
    },
    close: release,
  };
}
