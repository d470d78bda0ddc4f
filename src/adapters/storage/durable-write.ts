import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { throwInjectedFault } from './fault-injection.js';

let sequence = 0;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const tempPattern = (file: string) => new RegExp(`^${escapeRegExp(basename(file))}\\.\\d+\\.\\d+\\.tmp$`);

/** Flushes a directory entry (a rename or a new file) to disk; a no-op where the OS cannot. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` atomically: writes a temporary file beside it, fsyncs it, renames it over the
 * target and fsyncs the directory. A crash at any point leaves the old or the new file whole.
 */
export async function writeFileDurably(
  file: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  throwInjectedFault(file);
  sequence += 1;
  const temp = `${file}.${process.pid}.${sequence}.tmp`;
  try {
    const handle = await open(temp, 'w', options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      throwInjectedFault(file, 'sync');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Removes temporary files a crash left beside `file`; call only while holding the data-directory lock. */
export async function removeLeftoverTemps(file: string): Promise<void> {
  const pattern = tempPattern(file);
  const dir = dirname(file);
  for (const name of await readdir(dir)) {
    if (pattern.test(name)) await unlink(join(dir, name)).catch(() => {});
  }
}
