export { type AppliedChange, applyChange } from './apply-change.js';
export { type CopyReport, copyData, type DataLocation, parseDataLocation } from './copy-data.js';
export { type CopyRefusalCode, CopyRefused, isCopyRefused } from './copy-refused.js';
export { acquireDataDirLock, type DataDirLock, LOCK_FILE_NAME } from './data-dir-lock.js';
export { removeLeftoverTemps, syncDirectory, writeFileDurably } from './durable-write.js';
export {
  type CompactionLimits,
  createFileStore,
  DEFAULT_COMPACTION,
  type FileStore,
  STATE_FILE_NAME,
} from './file-store.js';
export { createGroupCommit, type GroupCommit } from './group-commit.js';
export {
  encodeJournalEntry,
  JOURNAL_FILE_NAME,
  type JournalContent,
  type JournalEntry,
  type JournalOp,
  journalOps,
  parseJournal,
} from './journal.js';
export { createJournalWriter, type JournalWriter } from './journal-writer.js';
export { AUDIT_FILE_NAME, createJsonlAuditLog, type JsonlAuditLog } from './jsonl-audit-log.js';
export { JOURNAL_SEQ_FIELD, type JournalToReplay, type LoadedState, loadState } from './load-state.js';
export { createMemoryAuditLog, createMemoryStore, type MemoryAuditLog } from './memory.js';
export { MIGRATIONS, type Migration, migrate, type RawState } from './migrations.js';
export { createStateSerializer, type StateSerializer } from './state-serializer.js';
export { invalidFile, isStoreError, StoreError, type StoreErrorCode, writeFailed } from './store-error.js';
