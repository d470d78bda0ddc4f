import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_FILE_NAME,
  createFileStore,
  createJsonlAuditLog,
  type FileStore,
  type JsonlAuditLog,
  STATE_FILE_NAME,
} from '../../../src/adapters/storage/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { Logger } from '../../../src/application/ports/logger.js';
import { recoverQueuedAudit, transact } from '../../../src/application/transact.js';
import { emptyState } from '../../../src/domain/state.js';
import { anAuditEntry } from './builders.js';
import { useDiskFaults } from './fault.js';
import { crash, startStoreProcess } from './store-process.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const faults = useDiskFaults(tempDir);
const opened: { store: FileStore; audit: JsonlAuditLog }[] = [];
afterEach(async () => {
  for (const { store, audit } of opened.splice(0)) {
    await audit.close();
    await store.close();
  }
});

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
}

async function openBoth(dataDir: string, logger: Logger = recordingLogger()) {
  const store = await createFileStore({ dataDir });
  const audit = await createJsonlAuditLog({ dataDir });
  const both = { store, audit };
  opened.push(both);
  return { ...both, logger, deps: { store, audit, logger } };
}

async function closeBoth(both: { store: FileStore; audit: JsonlAuditLog }): Promise<void> {
  opened.splice(opened.indexOf(both), 1);
  await both.audit.close();
  await both.store.close();
}

async function logLines(dataDir: string): Promise<AuditEntry[]> {
  const text = await readFile(join(dataDir, AUDIT_FILE_NAME), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditEntry);
}

const groupA = { id: 'a', name: 'a', members: [], admins: [], createdAt: 'then', createdBy: 'slack:U1' };

/** A change that creates group `name`, recording one audit entry for it. */
const createGroup = (name: string) => (state: import('../../../src/domain/state.js').State) => {
  state.groups[name] = { id: name, name, members: [], admins: [], createdAt: 'now', createdBy: 'slack:U1' };
  return { result: name, audit: [anAuditEntry({ details: `group ${name}` })] };
};

describe('a change and its audit entry are durable together (docs/product.md#safety-and-data)', () => {
  it('reports a durable change as done when only the audit append fails, and logs the failure once', async () => {
    const dataDir = await tempDir();
    const { deps, logger } = await openBoth(dataDir, recordingLogger());
    await faults.set('ENOSPC audit');
    await expect(transact(deps, createGroup('sales'))).resolves.toBe('sales');
    expect(deps.store.read().groups.sales).toBeDefined();
    expect((logger as ReturnType<typeof recordingLogger>).errors).toHaveLength(1);
    expect(deps.store.read().auditQueue.pending.map((e) => e.details)).toEqual(['group sales']);
  });

  it('appends, in order, the entries a failed append left out, with the next change', async () => {
    const dataDir = await tempDir();
    const { deps } = await openBoth(dataDir);
    await faults.set('EIO audit');
    await transact(deps, createGroup('a'));
    await faults.clear();
    await transact(deps, createGroup('b'));
    expect((await logLines(dataDir)).map((e) => [e.seq, e.details])).toEqual([
      [1, 'group a'],
      [2, 'group b'],
    ]);
    // The queue drops what the log holds with the next change that queues an entry.
    await transact(deps, createGroup('c'));
    expect(deps.store.read().auditQueue.pending.map((e) => e.seq)).toEqual([3]);
  });

  it('appends at the next start what the log lacks, exactly once, then clears the queue', async () => {
    const dataDir = await tempDir();
    const first = await openBoth(dataDir);
    await transact(first.deps, createGroup('a'));
    await faults.set('EROFS audit');
    await transact(first.deps, createGroup('b'));
    await faults.clear();
    await closeBoth(first);
    const second = await openBoth(dataDir);
    await recoverQueuedAudit(second.deps);
    await recoverQueuedAudit(second.deps);
    expect((await logLines(dataDir)).map((e) => e.details)).toEqual(['group a', 'group b']);
    expect(second.store.read().auditQueue).toEqual({ seq: 2, pending: [] });
  });

  it('keeps numbering after the log when the state is older than the log (a restored state file)', async () => {
    const dataDir = await tempDir();
    const first = await openBoth(dataDir);
    await transact(first.deps, createGroup('a'));
    await transact(first.deps, createGroup('b'));
    await first.store.update((state) => {
      state.auditQueue = { seq: 0, pending: [] };
    });
    await closeBoth(first);
    const second = await openBoth(dataDir);
    await recoverQueuedAudit(second.deps);
    await transact(second.deps, createGroup('c'));
    expect((await logLines(dataDir)).map((e) => [e.seq, e.details])).toEqual([
      [1, 'group a'],
      [2, 'group b'],
      [3, 'group c'],
    ]);
  });
});

describe('the audit queue in older data files', () => {
  it('loads a state file written before the audit queue existed, with an empty queue', async () => {
    const dataDir = await tempDir();
    const { auditQueue: _, ...older } = emptyState();
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify({ ...older, groups: { a: groupA } }));
    const { store, deps } = await openBoth(dataDir);
    expect(store.read().auditQueue).toEqual({ seq: 0, pending: [] });
    expect(store.read().groups.a).toEqual(groupA);
    await transact(deps, createGroup('b'));
    expect((await logLines(dataDir)).map((e) => [e.seq, e.details])).toEqual([[1, 'group b']]);
  });
});

describe('the audit log after a failed append', () => {
  it('cuts off what the failed append left, so later entries are read back in order', async () => {
    const dataDir = await tempDir();
    const { audit } = await openBoth(dataDir);
    const first = anAuditEntry({ details: 'first', seq: 1 });
    const lost = anAuditEntry({ details: 'written but not synced', seq: 2 });
    const later = anAuditEntry({ details: 'later', seq: 3 });
    await audit.append([first]);
    await faults.set('EIO audit sync');
    await expect(audit.append([lost])).rejects.toMatchObject({
      code: 'audit-write-failed',
      writeFailure: 'io-error',
    });
    await faults.clear();
    await audit.append([later]);
    const read: AuditEntry[] = [];
    for await (const entry of audit.read()) read.push(entry);
    expect(read.map((e) => e.details)).toEqual(['first', 'later']);
    expect((await logLines(dataDir)).map((e) => e.details)).toEqual(['first', 'later']);
  });

  it('skips entries whose number it already holds', async () => {
    const dataDir = await tempDir();
    const { audit } = await openBoth(dataDir);
    await audit.append([anAuditEntry({ details: 'one', seq: 1 })]);
    await audit.append([anAuditEntry({ details: 'one', seq: 1 }), anAuditEntry({ details: 'two', seq: 2 })]);
    expect((await logLines(dataDir)).map((e) => e.details)).toEqual(['one', 'two']);
    expect(audit.lastSeq()).toBe(2);
  });
});

describe('state and audit across kill -9', () => {
  it('leaves every durable change with exactly one audit entry once restarted, in order', {
    timeout: 180_000,
  }, async () => {
    const dataDir = await tempDir();
    for (let round = 0; round < 3; round++) {
      const writer = startStoreProcess({ dataDir, mode: 'audit-loop' });
      await writer.lineMatching((line) => line.startsWith('durable '));
      // A random moment: between a state write and its audit append, or in either.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      await crash(writer);
    }
    const { deps, store } = await openBoth(dataDir);
    await recoverQueuedAudit(deps);
    const groups = Object.keys(store.read().groups).sort();
    const entries = await logLines(dataDir);
    expect(groups.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.details).sort()).toEqual(groups);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(store.read().auditQueue.pending).toEqual([]);
  });
});
