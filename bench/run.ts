import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machineLoad, table, type Verdict } from './channels/support/report.js';

/**
 * `npm run bench [-- <name filter>]` (after `npm run build`, which the npm script runs first):
 * runs every benchmark file in bench/ and in its sub-folders one level down (helpers live in
 * `lib/`, `support/` and `bare/`, which are skipped), each in its own process so one cannot warm
 * or slow another, then prints every budget of docs/performance.md in one table with its verdict, and the
 * machine's load before and after. Fails if any benchmark fails or misses its budget.
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const HELPERS = new Set(['lib', 'support', 'bare', 'node_modules']);
const isBench = (f: string) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_');
const files = readdirSync(here, { withFileTypes: true })
  .flatMap((e) => {
    if (e.isFile() && isBench(e.name)) return [e.name];
    if (!e.isDirectory() || HELPERS.has(e.name)) return [];
    return readdirSync(join(here, e.name))
      .filter(isBench)
      .map((f) => join(e.name, f));
  })
  .filter((f) => f.includes(filter))
  .sort();

const verdictDir = mkdtempSync(join(tmpdir(), 'bench-verdicts-'));
const verdictFile = join(verdictDir, 'verdicts.jsonl');
const loadBefore = machineLoad();
const started = performance.now();
let failed = 0;
const seconds: [string, number][] = [];
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const t = performance.now();
  // --strict: a benchmark exits non-zero when it misses its budget, so the summary counts it.
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), '--strict'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_VERDICTS: verdictFile },
  });
  seconds.push([file, (performance.now() - t) / 1000]);
  if (result.status !== 0) failed += 1;
}

let verdicts: Verdict[] = [];
try {
  verdicts = readFileSync(verdictFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Verdict);
} catch {
  // no benchmark got as far as a verdict
}
rmSync(verdictDir, { recursive: true, force: true });

process.stdout.write('\n══ Performance budgets (docs/performance.md), side by side in this run ══\n\n');
process.stdout.write(
  `${table(
    ['budget', 'verdict', 'ours', 'bare / reference', 'measured'],
    verdicts.map((v) => [v.budget, v.pass ? 'PASS' : 'FAIL', v.ours ?? '', v.bare ?? '', v.measured]),
  )}\n\n`,
);
process.stdout.write(
  `time per benchmark: ${seconds.map(([f, s]) => `${f} ${s.toFixed(0)} s`).join(', ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
process.stdout.write(`machine before: ${loadBefore}\nmachine after:  ${machineLoad()}\n`);
process.stdout.write(
  `${verdicts.filter((v) => v.pass).length} of ${verdicts.length} budgets met; ${files.length - failed} of ${files.length} benchmarks ran within budget.\n`,
);
process.exit(failed ? 1 : 0);
