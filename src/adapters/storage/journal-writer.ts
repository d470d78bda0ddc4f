import { constants } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from './durable-write.js';

/** Appends journal lines durably; knows how much the journal holds since it was last emptied. */
export interface JournalWriter {
  readonly file: string;
  /** Whole lines and bytes in the journal. */
  size(): { lines: number; bytes: number };
  /** Writes one line (newline included) after the last whole one, then fsyncs; a failure leaves nothing to replay. */
  append(line: string): Promise<void>;
  /** Empties the journal once a snapshot holds all of it; best effort, as its old lines are ignored on load. */
  reset(): Promise<void>;
  /** Deletes the journal file (after a final snapshot). */
  remove(): Promise<void>;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * Opens the file for each append rather than holding it open: a data directory removed or
 * replaced under the process then fails the write instead of writing to a file nobody will read.
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

  const append = async (line: string) => {
    const data = Buffer.from(line, 'utf8');
    const handle = await open(file, constants.O_RDWR | constants.O_CREAT);
    try {
      if (dirty) await handle.truncate(bytes);
      dirty = true;
      await writeAll(handle, data, bytes);
      await handle.datasync();
      if (!exists) await syncDirectory(dirname(file));
    } finally {
      await handle.close();
    }
    exists = true;
    dirty = false;
    bytes += data.length;
    lines += 1;
  };

  return {
    file,
    size: () => ({ lines, bytes }),
    append,
    reset: async () => {
      lines = 0;
      bytes = 0;
      dirty = true;
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
    },
    remove: async () => {
      lines = 0;
      bytes = 0;
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
  };
}
