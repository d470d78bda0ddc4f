import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_FILE_NAME,
  createJsonlAuditLog,
  type JsonlAuditLog,
} from '../../../src/adapters/storage/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import { anAuditEntry } from './builders.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const open: JsonlAuditLog[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
});

async function openLog(dataDir: string): Promise<JsonlAuditLog> {
  const log = await createJsonlAuditLog({ dataDir });
  open.push(log);
  return log;
}

async function all(entries: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
}

const jira1 = anAuditEntry({ integrationId: 'jira', details: 'first' });
const trello = anAuditEntry({ integrationId: 'trello', details: 'trello' });
const jira2 = anAuditEntry({ integrationId: 'jira', details: 'second' });
const system = anAuditEntry({ integrationId: null, actor: 'system', action: 'set-provider' });

describe('createJsonlAuditLog', () => {
  it('reads back appended entries in order, as one JSON line each', async () => {
    const dataDir = await tempDir();
    const log = await openLog(dataDir);
    await log.append([jira1, trello]);
    await log.append([jira2, system]);
    expect(await all(log.read())).toEqual([jira1, trello, jira2, system]);
    const lines = (await readFile(join(dataDir, AUDIT_FILE_NAME), 'utf8')).split('\n');
    expect(lines).toEqual([...[jira1, trello, jira2, system].map((e) => JSON.stringify(e)), '']);
  });

  it('reads the entries of one integration', async () => {
    const log = await openLog(await tempDir());
    await log.append([jira1, trello, jira2, system]);
    expect(await all(log.read({ integrationId: 'jira' }))).toEqual([jira1, jira2]);
    expect(await all(log.read({ integrationId: 'unknown' }))).toEqual([]);
  });

  it('keeps the newest entry per integration, ignoring entries without one', async () => {
    const log = await openLog(await tempDir());
    await log.append([jira1, trello]);
    await log.append([jira2, system]);
    expect(Object.fromEntries(log.latestByIntegration())).toEqual({ jira: jira2, trello });
  });

  it('rebuilds the newest entries and keeps the history across close and reopen', async () => {
    const dataDir = await tempDir();
    const first = await createJsonlAuditLog({ dataDir });
    await first.append([jira1, trello, jira2]);
    await first.close();
    const second = await openLog(dataDir);
    expect(second.latestByIntegration().get('jira')).toEqual(jira2);
    expect(await all(second.read())).toEqual([jira1, trello, jira2]);
  });

  it('lands every one of 50 concurrent appends, in call order', async () => {
    const log = await openLog(await tempDir());
    const entries = Array.from({ length: 50 }, (_, i) => anAuditEntry({ details: `n${i}` }));
    await Promise.all(entries.map((entry) => log.append([entry])));
    expect((await all(log.read())).map((e) => e.details)).toEqual(entries.map((e) => e.details));
  });

  it('only ever appends: what was written before stays byte for byte', async () => {
    const dataDir = await tempDir();
    const log = await openLog(dataDir);
    await log.append([jira1]);
    const before = await readFile(join(dataDir, AUDIT_FILE_NAME), 'utf8');
    await log.append([trello]);
    expect((await readFile(join(dataDir, AUDIT_FILE_NAME), 'utf8')).startsWith(before)).toBe(true);
  });

  it('skips and counts a torn last line left by a crash, and appends after it on a line of its own', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, AUDIT_FILE_NAME);
    await writeFile(file, `${JSON.stringify(jira1)}\n${JSON.stringify(trello)}\n{"at":"2024-05-0`);
    const log = await openLog(dataDir);
    expect(log.skippedLines).toBe(1);
    expect(await all(log.read())).toEqual([jira1, trello]);
    await log.append([jira2]);
    expect(await all(log.read())).toEqual([jira1, trello, jira2]);
    expect(log.latestByIntegration().get('jira')).toEqual(jira2);
  });

  it('skips lines that are JSON but not audit entries', async () => {
    const dataDir = await tempDir();
    await appendFile(join(dataDir, AUDIT_FILE_NAME), `{"at":1}\n\n${JSON.stringify(jira1)}\n`);
    const log = await openLog(dataDir);
    expect(log.skippedLines).toBe(1);
    expect(await all(log.read())).toEqual([jira1]);
  });

  it('refuses a batch holding an invalid entry and writes none of it', async () => {
    const log = await openLog(await tempDir());
    const bad = { ...jira2, actor: 42 } as unknown as AuditEntry;
    await expect(log.append([jira1, bad])).rejects.toMatchObject({ code: 'audit-invalid' });
    expect(await all(log.read())).toEqual([]);
    expect(log.latestByIntegration().size).toBe(0);
  });

  it('starts empty when there is no file yet', async () => {
    const log = await openLog(join(await tempDir(), 'fresh'));
    expect(await all(log.read())).toEqual([]);
    expect(log.skippedLines).toBe(0);
  });

  it('refuses appends after close', async () => {
    const log = await createJsonlAuditLog({ dataDir: await tempDir() });
    await log.close();
    await expect(log.append([jira1])).rejects.toMatchObject({ code: 'store-closed' });
  });
});
