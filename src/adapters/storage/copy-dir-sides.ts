/** A data directory as either end of `copy-data` (copy-sides.ts). */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuditEntry } from '../../application/ports/audit-log.js';
import { CopyRefused } from './copy-refused.js';
import type { ClosableAuditLog, CopySource, CopyTarget, DataLocation } from './copy-sides.js';
import { syncDirectory, writeFileDurably } from './durable-write.js';
import { createFileStore, STATE_FILE_NAME } from './file-store.js';
import { JOURNAL_FILE_NAME } from './journal.js';
import { AUDIT_FILE_NAME, createJsonlAuditLog } from './jsonl-audit-log.js';

const noAudit: ClosableAuditLog = {
  append: async () => {},
  read: async function* (): AsyncGenerator<AuditEntry> {},
  latestByIntegration: () => new Map(),
  lastSeq: () => 0,
  close: async () => {},
};

async function readSecretFile(file: string): Promise<string | null> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text === '' ? null : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The files of a data directory that has data; refuses one that is missing, unreadable or empty. */
async function dataFilesOf(location: DataLocation & { kind: 'data-dir' }): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(location.dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is not a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? 'error'})`;
    throw new CopyRefused('source-missing', `--from ${location.shown} ${why}`);
  }
  const data = [STATE_FILE_NAME, JOURNAL_FILE_NAME, AUDIT_FILE_NAME].filter((name) => names.includes(name));
  if (data.length === 0)
    throw new CopyRefused(
      'source-missing',
      `--from ${location.shown} holds no bot data (no ${STATE_FILE_NAME}, ${JOURNAL_FILE_NAME} or ${AUDIT_FILE_NAME})`,
    );
  return names;
}

export async function openDirSource(
  location: DataLocation & { kind: 'data-dir' },
  secretFileName: string,
): Promise<CopySource> {
  const names = await dataFilesOf(location);
  const store = await createFileStore({ dataDir: location.dir });
  try {
    // Opening the log creates its file: a directory without one has no history to copy.
    const audit = names.includes(AUDIT_FILE_NAME)
      ? await createJsonlAuditLog({ dataDir: location.dir })
      : null;
    const secret = await readSecretFile(join(location.dir, secretFileName)).catch(async (error: unknown) => {
      await audit?.close();
      throw error;
    });
    return {
      store,
      audit: audit ?? noAudit,
      skippedAuditLines: audit?.skippedLines ?? 0,
      secret,
      close: async () => {
        try {
          await audit?.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function openDirTarget(
  location: DataLocation & { kind: 'data-dir' },
  secretFileName: string,
): Promise<CopyTarget> {
  const dir = resolve(location.dir);
  const store = await createFileStore({ dataDir: dir });
  const auditFile = join(dir, AUDIT_FILE_NAME);
  let audit: ClosableAuditLog | null = null;
  return {
    store,
    hasAudit: async () => ((await stat(auditFile).catch(() => null))?.size ?? 0) > 0,
    clearAudit: async () => {
      await rm(auditFile, { force: true });
      await syncDirectory(dir);
    },
    openAudit: async () => {
      audit = await createJsonlAuditLog({ dataDir: dir });
      return audit;
    },
    writeSecret: (secret) => writeFileDurably(join(dir, secretFileName), `${secret}\n`, { mode: 0o600 }),
    close: async () => {
      try {
        await audit?.close();
      } finally {
        await store.close();
      }
    },
  };
}
