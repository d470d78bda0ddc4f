/**
 * Measures one durable update of the file store on an empty data directory and on one holding
 * 10,000 requests and a 100,000-line audit log (docs/performance.md: within 1.5×). Not a test: timings vary
 * by machine. A "request" is one store update plus one audit append, as a handled command makes.
 * The two stores take turns, update by update, so disk noise falls on both alike. `every write a
 * snapshot` (compaction after 0 lines) is what an update cost before the journal.
 * Usage: npx tsx test/adapters/storage/measure-update.ts [updates]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AUDIT_FILE_NAME,
  type CompactionLimits,
  createFileStore,
  createJsonlAuditLog,
} from '../../../src/adapters/storage/index.js';
import { anAuditEntry, aRequest } from './builders.js';

const UPDATES = Number(process.argv[2] ?? 3000);

async function seedLarge(dataDir: string): Promise<void> {
  const store = await createFileStore({ dataDir });
  await store.update((state) => {
    for (let i = 0; i < 10_000; i++) {
      const id = `seed${i}`;
      const requester = { personId: `slack:U${i}`, reason: 'x'.repeat(80), at: '2024-05-01T10:00:00.000Z' };
      state.requests[id] = aRequest({ id, integrationId: `app-${i % 300}`, requesters: [requester] });
    }
    state.counters.request = 10_000;
  });
  await store.close();
  const line = `${JSON.stringify(anAuditEntry())}\n`;
  await writeFile(join(dataDir, AUDIT_FILE_NAME), line.repeat(100_000));
}

interface Timings {
  store: number[];
  request: number[];
}

async function openSide(dataDir: string, compaction?: Partial<CompactionLimits>) {
  const store = await createFileStore({ dataDir, compaction });
  const audit = await createJsonlAuditLog({ dataDir });
  const timings: Timings = { store: [], request: [] };
  const step = async (n: number) => {
    const started = performance.now();
    await store.update((state) => {
      const id = `m${n % 500}`;
      state.requests[id] = aRequest({ id, state: n % 2 === 0 ? 'open' : 'approved' });
      state.counters.request += 1;
    });
    timings.store.push(performance.now() - started);
    await audit.append([anAuditEntry({ details: `update ${n}` })]);
    timings.request.push(performance.now() - started);
  };
  const close = async () => {
    await store.close();
    await audit.close();
  };
  return { step, close, timings };
}

const mean = (list: readonly number[]) => list.reduce((sum, t) => sum + t, 0) / list.length;
const percentile = (list: readonly number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(3)} ms`.padStart(10);

function report(label: string, empty: Timings, large: Timings): void {
  console.log(`\n${label}`);
  for (const [name, t] of [
    ['empty', empty],
    ['10k requests + 100k audit', large],
  ] as const) {
    const line = [`store mean ${ms(mean(t.store))}`, `request mean ${ms(mean(t.request))}`];
    line.push(`p50 ${ms(percentile(t.request, 0.5))}`, `p99 ${ms(percentile(t.request, 0.99))}`);
    console.log(`  ${name.padEnd(26)} ${line.join('  ')}  max ${ms(Math.max(...t.request))}`);
  }
  const ratio = (pick: (t: Timings) => number[], f: (l: number[]) => number) =>
    (f(pick(large)) / f(pick(empty))).toFixed(2);
  console.log(
    `  large / empty: store mean ${ratio((t) => t.store, mean)}×, request mean ${ratio((t) => t.request, mean)}×, request p50 ${ratio(
      (t) => t.request,
      (l) => percentile(l, 0.5),
    )}×`,
  );
}

async function compare(input: { label: string; compaction?: Partial<CompactionLimits>; updates: number }) {
  const dirs = [
    await mkdtemp(join(tmpdir(), 'measure-empty-')),
    await mkdtemp(join(tmpdir(), 'measure-large-')),
  ];
  try {
    await seedLarge(dirs[1] as string);
    const [empty, large] = await Promise.all(dirs.map((dir) => openSide(dir, input.compaction)));
    if (!empty || !large) return;
    for (let n = 0; n < input.updates; n++) {
      await empty.step(n);
      await large.step(n);
    }
    await empty.close();
    await large.close();
    report(input.label, empty.timings, large.timings);
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

await compare({ label: `journal (${UPDATES} updates each)`, updates: UPDATES });
await compare({
  label: 'every write a snapshot (300 updates each)',
  compaction: { maxLines: 0 },
  updates: 300,
});
