import { CURRENT_SCHEMA_VERSION, State } from '../../domain/state.js';
import { type ReadEntry, type Replayed, replayJournal, writerOf } from './journal.js';
import { migrate, type RawState } from './migrations.js';
import { invalidFile, StoreError } from './store-error.js';

/**
 * A data file read back: the validated state, the version it was migrated from (null if
 * current), and the sequence number of the last journal entry it includes (0 without journal).
 */
export interface LoadedState {
  state: State;
  migratedFrom: number | null;
  journalSeq: number;
}

/** The journal lines to replay over the state file, and the journal's path for messages. */
export interface JournalToReplay {
  file: string;
  entries: readonly ReadEntry[];
}

/** The top-level field of the state file holding the last journal sequence number it includes. */
export const JOURNAL_SEQ_FIELD = 'journalSeq';

function parseJson(file: string, text: string): RawState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalidFile(file, `it is not valid JSON (${(cause as Error).message})`, cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidFile(file, 'it does not hold a JSON object');
  }
  return parsed as RawState;
}

function versionOf(file: string, raw: RawState): number {
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw invalidFile(file, `schemaVersion ${JSON.stringify(version)} is not a whole number`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new StoreError(
      'store-too-new',
      `Cannot load ${file}: it was written by a newer version of the bot (schema version ${version}; this one knows up to ${CURRENT_SCHEMA_VERSION}). Upgrade the bot or restore an older copy of the file.`,
    );
  }
  return version;
}

function journalSeqOf(file: string, raw: RawState): number {
  const seq = raw[JOURNAL_SEQ_FIELD] ?? 0;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) {
    throw invalidFile(file, `${JOURNAL_SEQ_FIELD} ${JSON.stringify(seq)} is not a whole number`);
  }
  return seq;
}

const describePath = (path: readonly PropertyKey[]) =>
  path.length > 0 ? path.map(String).join('.') : '(root)';

function validated(input: { file: string; raw: RawState; journal?: JournalToReplay; replayed: Replayed }) {
  const parsed = State.safeParse(input.raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const problem = issue
    ? `${describePath(issue.path)}: ${issue.message}`
    : 'it does not match the state schema';
  const writer = issue && input.journal ? writerOf(input.replayed, issue.path) : undefined;
  if (writer && input.journal) {
    const where = `line ${writer.line} (sequence number ${writer.seq})`;
    throw invalidFile(input.journal.file, `${where} makes the state invalid (${problem})`, parsed.error);
  }
  throw invalidFile(input.file, `it is not a valid state file (${problem})`, parsed.error);
}

/**
 * Parses a data file, replays the journal entries that follow it, migrates the result to the
 * current schema version and validates it with the `State` schema. Any problem is a StoreError
 * naming the file to blame (the state file or the journal) and the first problem found.
 */
export function loadState(input: {
  file: string;
  text: string;
  now: Date;
  journal?: JournalToReplay;
}): LoadedState {
  const raw = parseJson(input.file, input.text);
  const version = versionOf(input.file, raw);
  const afterSeq = journalSeqOf(input.file, raw);
  const replayed = input.journal
    ? replayJournal({ file: input.journal.file, raw, entries: input.journal.entries, afterSeq })
    : { lastSeq: afterSeq, writers: new Map() };
  const migrated = version < CURRENT_SCHEMA_VERSION ? migrate(raw, version, { now: input.now }) : raw;
  const state = validated({ file: input.file, raw: migrated, journal: input.journal, replayed });
  return {
    state,
    migratedFrom: version < CURRENT_SCHEMA_VERSION ? version : null,
    journalSeq: replayed.lastSeq,
  };
}
