import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { AuditEntry, type AuditLog } from '../../application/ports/audit-log.js';
import { syncDirectory } from './durable-write.js';
import { throwInjectedFault } from './fault-injection.js';
import { createGroupCommit } from './group-commit.js';
import { StoreError, writeFailed } from './store-error.js';

export const AUDIT_FILE_NAME = 'audit.jsonl';

/** The append-only JSON-lines audit log, with what its start-up scan found. */
export interface JsonlAuditLog extends AuditLog {
  readonly file: string;
  /** Lines the start-up scan could not read (a torn last line left by a crash, or damage). */
  readonly skippedLines: number;
  close(): Promise<void>;
}

/** Parses one line; null for a blank, torn or otherwise invalid one. */
function parseLine(line: string): AuditEntry | null {
  try {
    const parsed = AuditEntry.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Streams the entries in the first `size` bytes of `file`, reporting lines that do not parse. */
async function* streamEntries(input: { file: string; size: number; onSkip?: () => void }) {
  if (input.size === 0) return;
  const lines = createInterface({
    input: createReadStream(input.file, { start: 0, end: input.size - 1, encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const entry = parseLine(line);
    if (entry) yield entry;
    else input.onSkip?.();
  }
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  if (size === 0) return true;
  const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
  return buffer[0] === 0x0a;
}

function validated(entries: readonly AuditEntry[]): AuditEntry[] {
  return entries.map((entry, index) => {
    const parsed = AuditEntry.safeParse(entry);
    if (!parsed.success) {
      throw new StoreError(
        'audit-invalid',
        `Audit entry ${index} is invalid: ${parsed.error.issues[0]?.message}`,
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data;
  });
}

/** Builds the in-memory index of the newest entry per integration, and the highest `seq`, by streaming the file once. */
async function scan(file: string, size: number) {
  const latest = new Map<string, AuditEntry>();
  let skipped = 0;
  let lastSeq = 0;
  for await (const entry of streamEntries({ file, size, onSkip: () => skipped++ })) {
    if (entry.integrationId !== null) latest.set(entry.integrationId, entry);
    if (entry.seq !== undefined && entry.seq > lastSeq) lastSeq = entry.seq;
  }
  return { latest, skipped, lastSeq };
}

/** The entries not yet in the log: numbered ones above `lastSeq` (each once), and any unnumbered one. */
function unwritten(entries: readonly AuditEntry[], lastSeq: number): { fresh: AuditEntry[]; last: number } {
  const fresh: AuditEntry[] = [];
  let last = lastSeq;
  for (const entry of entries) {
    if (entry.seq !== undefined && entry.seq <= last) continue;
    if (entry.seq !== undefined) last = entry.seq;
    fresh.push(entry);
  }
  return { fresh, last };
}

/**
 * Opens `<dataDir>/audit.jsonl`: appends are one write plus fsync per batch (batches arriving
 * during a write share the next one), never a rewrite, so appending stays as cheap as the file
 * grows. Reads stream the durable part of the file line by line. Appends are idempotent by `seq`.
 * `size` is the end of the last whole, durable append: a failed append may have left bytes past
 * it, so the next append first cuts the file back to it, and reads never go past it.
 */
export async function createJsonlAuditLog(options: { dataDir: string }): Promise<JsonlAuditLog> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, AUDIT_FILE_NAME);
  const handle = await open(file, 'a+');
  await syncDirectory(dataDir);
  let size = (await handle.stat()).size;
  const scanned = await scan(file, size);
  const { latest } = scanned;
  let { lastSeq } = scanned;
  // A crash may have torn the last line; end it so the next append starts on a line of its own.
  let needsNewline = !(await endsWithNewline(handle, size));
  let dirty = false;

  const commit = createGroupCommit<AuditEntry[]>({
    flush: async (batches) => {
      const { fresh, last } = unwritten(batches.flat(), lastSeq);
      if (fresh.length === 0) return;
      throwInjectedFault(file);
      if (dirty) await handle.truncate(size);
      dirty = true;
      const text = (needsNewline ? '\n' : '') + fresh.map((e) => `${JSON.stringify(e)}\n`).join('');
      await handle.appendFile(text, 'utf8');
      throwInjectedFault(file, 'sync');
      await handle.datasync();
      dirty = false;
      needsNewline = false;
      size += Buffer.byteLength(text);
      lastSeq = last;
      for (const entry of fresh) if (entry.integrationId !== null) latest.set(entry.integrationId, entry);
    },
    toError: (cause) => writeFailed('audit-write-failed', file, cause),
  });

  let closed = false;
  return {
    file,
    skippedLines: scanned.skipped,
    append: async (entries) => {
      if (closed) throw new StoreError('store-closed', `The audit log ${file} is closed.`);
      const checked = validated(entries);
      if (checked.length > 0) await commit.add(checked);
    },
    read: (filter = {}) => readFiltered({ file, size, integrationId: filter.integrationId }),
    latestByIntegration: () => latest,
    lastSeq: () => lastSeq,
    close: async () => {
      if (closed) return;
      closed = true;
      await commit.idle();
      await handle.close();
    },
  };
}

async function* readFiltered(input: { file: string; size: number; integrationId: string | undefined }) {
  const { integrationId } = input;
  for await (const entry of streamEntries(input)) {
    if (integrationId === undefined || entry.integrationId === integrationId) yield entry;
  }
}
