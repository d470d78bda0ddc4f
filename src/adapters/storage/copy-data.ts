/**
 * `npm run copy-data`: the whole state, the whole audit history and the signing secret, from a
 * data directory into PostgreSQL or back (or between two of either), through the stores the bot
 * itself uses. It refuses, before writing anything, a source that is missing or holds no data, a
 * target that already holds data (unless `replace`), and a data directory another process holds.
 */
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { AuditEntry } from '../../application/ports/audit-log.js';
import { emptyState, State } from '../../domain/state.js';
import { type AuditScan, numberedAt, renumberedQueue, scanAudit } from './audit-numbering.js';
import { openDirSource, openDirTarget } from './copy-dir-sides.js';
import { openPostgresSource, openPostgresTarget } from './copy-postgres-sides.js';
import { CopyRefused } from './copy-refused.js';
import type { ClosableAuditLog, CopySource, CopyTarget, DataLocation } from './copy-sides.js';
import { checkDatabaseUrl, DatabaseUrlError, redactDatabaseUrl } from './postgres/database-url.js';

export type { DataLocation } from './copy-sides.js';

const BATCH = 500;
const STATE_KEYS = Object.keys(State.shape) as (keyof State)[];

/** What a copy wrote: counts per collection, the singletons, the audit entries. */
export interface CopyReport {
  collections: { name: string; count: number }[];
  singletons: string[];
  auditEntries: number;
  /** True when the history held entries without numbers and the copy numbered them all. */
  auditRenumbered: boolean;
  /** Torn or damaged lines of the source's audit.jsonl, not copied. */
  skippedAuditLines: number;
  secretCopied: boolean;
}

const looksLikeUrl = (raw: string) =>
  /^postgres(ql)?:/i.test(raw) || raw.includes('://') || /^[^/\\]*:[^/\\]*@/.test(raw);

/** A `--from`/`--to` value: a postgres:// URL (checked, shown without its password) or a directory. */
export function parseDataLocation(raw: string | undefined, flag: '--from' | '--to'): DataLocation {
  if (raw === undefined || raw.trim() === '')
    throw new CopyRefused('bad-argument', `${flag} is missing: give a data directory or a postgres:// URL`);
  if (!looksLikeUrl(raw)) return { kind: 'data-dir', dir: resolve(raw), shown: raw };
  try {
    const url = checkDatabaseUrl(raw);
    return { kind: 'postgres', url, shown: redactDatabaseUrl(url) };
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    throw new CopyRefused('bad-argument', error.message.replace(/^DATABASE_URL/, flag));
  }
}

function sameLocation(a: DataLocation, b: DataLocation): boolean {
  if (a.kind === 'data-dir' && b.kind === 'data-dir') return a.dir === b.dir;
  if (a.kind === 'postgres' && b.kind === 'postgres') return a.url === b.url;
  return false;
}

const isEmpty = (state: Readonly<State>) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(state)), JSON.parse(JSON.stringify(emptyState())));

function countsOf(state: Readonly<State>): Pick<CopyReport, 'collections' | 'singletons'> {
  const collections: CopyReport['collections'] = [];
  const singletons: string[] = [];
  for (const key of STATE_KEYS) {
    const value: unknown = state[key];
    if (Array.isArray(value)) collections.push({ name: key, count: value.length });
    else if (key === 'provider' || key === 'counters' || key === 'auditQueue' || key === 'schemaVersion')
      singletons.push(key);
    else collections.push({ name: key, count: Object.keys(value as object).length });
  }
  return { collections, singletons };
}

/** Opens what a copy reads from; refuses a source that is missing or holds nothing of the bot. */
function openCopySource(location: DataLocation, secretFileName: string): Promise<CopySource> {
  return location.kind === 'data-dir'
    ? openDirSource(location, secretFileName)
    : openPostgresSource(location);
}

/** Opens what a copy writes into (a data directory is created if missing, and locked). */
function openCopyTarget(location: DataLocation, secretFileName: string): Promise<CopyTarget> {
  return location.kind === 'data-dir'
    ? openDirTarget(location, secretFileName)
    : openPostgresTarget(location);
}

async function copyAudit(input: {
  source: CopySource;
  target: ClosableAuditLog;
  renumber: boolean;
}): Promise<number> {
  let position = 0;
  let batch: AuditEntry[] = [];
  for await (const entry of input.source.audit.read()) {
    position += 1;
    batch.push(input.renumber ? numberedAt(entry, position) : entry);
    if (batch.length >= BATCH) {
      await input.target.append(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await input.target.append(batch);
  let written = 0;
  for await (const _ of input.target.read()) written += 1;
  if (written !== position)
    throw new Error(`the target holds ${written} audit entries after the copy, not the ${position} read`);
  return written;
}

/** Copies everything `from` holds into `to`; see the module comment for what it refuses. */
export async function copyData(input: {
  from: DataLocation;
  to: DataLocation;
  replace: boolean;
  /** The signing secret's file name in a data directory (adapters/security/secret-file.ts). */
  secretFileName: string;
}): Promise<CopyReport> {
  const { from, to, replace, secretFileName } = input;
  if (sameLocation(from, to))
    throw new CopyRefused('same-location', `--from and --to name the same place (${to.shown})`);
  const source = await openCopySource(from, secretFileName);
  try {
    const target = await openCopyTarget(to, secretFileName);
    try {
      const holdsData = !isEmpty(target.store.read()) || (await target.hasAudit());
      if (holdsData && !replace)
        throw new CopyRefused(
          'target-not-empty',
          `--to ${to.shown} already holds data; nothing was copied (add --replace to overwrite it)`,
        );
      const scan: AuditScan = await scanAudit(source.audit.read());
      const renumber = to.kind === 'postgres' && scan.unnumbered > 0;
      const state = structuredClone(source.store.read()) as State;
      if (renumber) state.auditQueue = renumberedQueue(state.auditQueue, scan);
      await target.store.update((draft) => {
        for (const key of STATE_KEYS) (draft as Record<string, unknown>)[key] = state[key];
      });
      if (holdsData) await target.clearAudit();
      const auditEntries = await copyAudit({ source, target: await target.openAudit(), renumber });
      if (source.secret !== null) await target.writeSecret(source.secret);
      return {
        ...countsOf(state),
        auditEntries,
        auditRenumbered: renumber,
        skippedAuditLines: source.skippedAuditLines,
        secretCopied: source.secret !== null,
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
