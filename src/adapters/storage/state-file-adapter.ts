import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { Clock } from '../../application/ports/clock.js';
import { emptyState, type State } from '../../domain/state.js';
import { writeFileDurably } from './durable-write.js';
import { type JournalContent, parseJournal } from './journal.js';
import { JOURNAL_SEQ_FIELD, loadState } from './load-state.js';
import { createStateSerializer } from './state-serializer.js';
import { StoreError } from './store-error.js';

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('store-unreadable', `Cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * lowdb adapter for the snapshot `state.json` and its journal: reads the snapshot, replays the
 * journal lines that follow it and validates the result; writes a snapshot durably (atomically),
 * recording in it the journal sequence number `journalSeq` it includes.
 */
export class StateFileAdapter implements Adapter<State> {
  migratedFrom: number | null = null;
  originalText: string | null = null;
  /** After a read: the last journal sequence number in the state. Before a write: the one the snapshot includes. */
  journalSeq = 0;
  /** The journal as read at start-up. */
  journal: JournalContent = { entries: [], validLength: 0, torn: false };
  journalExists = false;
  /** The size of state.json as last read or written. */
  snapshotBytes = 0;
  readonly serializer = createStateSerializer();

  constructor(
    private readonly files: { state: string; journal: string },
    private readonly clock: Clock,
  ) {}

  async read(): Promise<State | null> {
    const snapshot = await readOptional(this.files.state);
    this.snapshotBytes = snapshot?.length ?? 0;
    const journalData = await readOptional(this.files.journal);
    this.journalExists = journalData !== null;
    this.journal = parseJournal(this.files.journal, journalData ?? Buffer.alloc(0));
    if (snapshot === null && this.journal.entries.length === 0) return null;
    // No snapshot yet: the journal starts from the empty state.
    const text = snapshot?.toString('utf8') ?? JSON.stringify(emptyState());
    const loaded = loadState({
      file: this.files.state,
      text,
      now: this.clock.now(),
      journal: { file: this.files.journal, entries: this.journal.entries },
    });
    this.migratedFrom = loaded.migratedFrom;
    this.originalText = snapshot === null ? null : text;
    this.journalSeq = loaded.journalSeq;
    return loaded.state;
  }

  /** Serialises synchronously, so the bytes written are the state as it was when the write began. */
  write(data: State): Promise<void> {
    const snapshot = { ...data, [JOURNAL_SEQ_FIELD]: this.journalSeq };
    const bytes = this.serializer.serialize(snapshot);
    this.snapshotBytes = bytes.length;
    return writeFileDurably(this.files.state, bytes);
  }
}
