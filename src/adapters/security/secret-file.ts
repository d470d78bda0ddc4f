import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file in the data directory holding the generated signing secret. */
export const SECRET_FILE_NAME = 'secret';

/** Writes a file atomically (temp file, fsync, rename, directory fsync): the storage adapter's writeFileDurably. */
export type DurableWrite = (file: string, data: string, options: { mode: number }) => Promise<void>;

async function readExisting(file: string): Promise<string | null> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    // Only a missing file means "make one": overwriting an unreadable one would void every signed link.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The signing secret: STATE_SECRET when set, otherwise one made once per data directory
 * and kept in `<dataDir>/secret` (mode 600), so links survive restarts without configuration.
 * The file is written through `write`, atomically, so a crash never leaves an empty or partial
 * secret; a file too short to be one of ours is replaced.
 */
export async function resolveSigningSecret(input: {
  configured: string | null;
  dataDir: string;
  write: DurableWrite;
}): Promise<string> {
  if (input.configured) return input.configured;
  const file = join(input.dataDir, SECRET_FILE_NAME);
  const existing = await readExisting(file);
  if (existing !== null && existing.length >= 32) return existing;
  await mkdir(input.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await input.write(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
