import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JOURNAL_FILE_NAME,
  type JournalEntry,
  loadState,
  parseJournal,
  STATE_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import { emptyState, type State } from '../../../src/domain/state.js';

const missing =
  <T>(fallback: T) =>
  (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT') return fallback;
    throw error;
  };

/** The bytes of a file, or null when there is none. */
export const readIfAny = (file: string) => readFile(file).catch(missing(null));

/** The journal's entries, without their line numbers. */
export async function journalEntries(dataDir: string): Promise<JournalEntry[]> {
  const file = join(dataDir, JOURNAL_FILE_NAME);
  const data = (await readIfAny(file)) ?? Buffer.alloc(0);
  return parseJournal(file, data).entries.map(({ seq, ops }) => ({ seq, ops }));
}

/** The raw snapshot file as JSON (with its `journalSeq`), or null when there is none. */
export async function snapshotOf(dataDir: string): Promise<Record<string, unknown> | null> {
  const data = await readIfAny(join(dataDir, STATE_FILE_NAME));
  return data === null ? null : JSON.parse(data.toString('utf8'));
}

/** What a restart would load from a data directory (snapshot plus journal), read without taking its lock. */
export async function durableState(dataDir: string): Promise<State> {
  const file = join(dataDir, STATE_FILE_NAME);
  const journalFile = join(dataDir, JOURNAL_FILE_NAME);
  const snapshot = await readIfAny(file);
  const journal = parseJournal(journalFile, (await readIfAny(journalFile)) ?? Buffer.alloc(0));
  return loadState({
    file,
    text: snapshot?.toString('utf8') ?? JSON.stringify(emptyState()),
    now: new Date(),
    journal: { file: journalFile, entries: journal.entries },
  }).state;
}

/**
 * Copies the state files of a data directory in use into `to`, as a crash at this moment would
 * leave them: whatever the open store has not yet snapshotted is only in the journal.
 */
export async function copyAsCrashed(from: string, to: string): Promise<string> {
  for (const name of [STATE_FILE_NAME, JOURNAL_FILE_NAME]) {
    await copyFile(join(from, name), join(to, name)).catch(missing(undefined));
  }
  return to;
}
