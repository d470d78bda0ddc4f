/**
 * The two ends of `copy-data`, each a data directory or a PostgreSQL database, opened through the
 * same stores the bot uses: a data directory under its lock (so a running bot, or another copy,
 * keeps it to itself), written through the file store and the audit log's durable appends.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuditEntry, AuditLog } from '../../application/ports/audit-log.js';
import type { Store } from '../../application/ports/store.js';
import { CopyRefused } from './copy-refused.js';
import { syncDirectory, writeFileDurably } from './durable-write.js';
import { createFileStore, STATE_FILE_NAME } from './file-store.js';
import { JOURNAL_FILE_NAME } from './journal.js';
import { AUDIT_FILE_NAME, createJsonlAuditLog } from './jsonl-audit-log.js';

/** Where data lives: a data directory, or a database named by a checked postgres:// URL. */
export type DataLocation =
  | { kind: 'data-dir'; dir: string; shown: string }
  | { kind: 'postgres'; url: string; shown: string };

export interface ClosableAuditLog extends AuditLog {
  close(): Promise<void>;
}

/** What a copy reads. */
export interface CopySource {
  store: Store;
  audit: ClosableAuditLog;
  /** Lines of audit.jsonl that could not be read (a torn last line): they are not copied. */
  skippedAuditLines: number;
  /** The signing secret kept with the data (the `secret` file, or the database's), if any. */
  secret: string | null;
  close(): Promise<void>;
}

/** What a copy writes into. */
export interface CopyTarget {
  store: Store;
  /** True when it already holds audit entries. */
  hasAudit(): Promise<boolean>;
  /** Empties the audit history (`--replace`), before openAudit. */
  clearAudit(): Promise<void>;
  openAudit(): Promise<ClosableAuditLog>;
  writeSecret(secret: string): Promise<void>;
  close(): Promise<void>;
}

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

async function openDirSource(
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

async function openDirTarget(
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

async function openPostgres(location: DataLocation & { kind: 'postgres' }, side: 'source' | 'target') {
  // Loaded only when used, as compose.ts does: a copy between directories needs no driver.
  const pg = await import('./postgres/index.js');
  const pool = pg.createPostgresPool({
    url: location.url,
    max: 2,
    applicationName: 'integration-admin-bot copy-data',
  });
  try {
    if (side === 'source' && !(await pg.hasBotTables(pool)))
      throw new CopyRefused(
        'source-missing',
        `--from ${location.shown} holds no bot data (no tables of the bot)`,
      );
    await pg.runMigrations({ pool });
    const store = await pg.createPostgresStore({ pool, listen: false });
    return { pg, pool, store };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

async function openPostgresSource(location: DataLocation & { kind: 'postgres' }): Promise<CopySource> {
  const { pg, pool, store } = await openPostgres(location, 'source');
  const close = async () => {
    try {
      await store.close();
    } finally {
      await pool.end();
    }
  };
  try {
    const audit = await pg.createPostgresAuditLog({ pool });
    const secret = await pg.readSigningSecret(pool);
    return { store, audit, skippedAuditLines: 0, secret, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function openPostgresTarget(location: DataLocation & { kind: 'postgres' }): Promise<CopyTarget> {
  const { pg, pool, store } = await openPostgres(location, 'target');
  let audit: ClosableAuditLog | null = null;
  return {
    store,
    hasAudit: async () => (await pg.countAuditEntries(pool)) > 0,
    clearAudit: () => pg.clearAuditEntries(pool),
    openAudit: async () => {
      audit = await pg.createPostgresAuditLog({ pool });
      return audit;
    },
    writeSecret: (secret) => pg.writeSigningSecret(pool, secret),
    close: async () => {
      try {
        await audit?.close();
        await store.close();
      } finally {
        await pool.end();
      }
    },
  };
}

/** Opens what a copy reads from; refuses a source that is missing or holds nothing of the bot. */
export function openCopySource(location: DataLocation, secretFileName: string): Promise<CopySource> {
  return location.kind === 'data-dir'
    ? openDirSource(location, secretFileName)
    : openPostgresSource(location);
}

/** Opens what a copy writes into (a data directory is created if missing, and locked). */
export function openCopyTarget(location: DataLocation, secretFileName: string): Promise<CopyTarget> {
  return location.kind === 'data-dir'
    ? openDirTarget(location, secretFileName)
    : openPostgresTarget(location);
}
