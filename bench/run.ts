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
 *
 * Some files run again on PostgreSQL (POSTGRES_RUNS: the same file with `--store=postgres`, and
 * `--replicas=2` for two bot or `tick` processes on one database); their verdicts carry the
 * store's tag (`[postgres]`, `[postgres ×2]`). The filter matches the file and these arguments,
 * so `npm run bench -- postgres` runs the PostgreSQL rows only.
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const HELPERS = new Set(['lib', 'support', 'bare', 'node_modules']);
const isBench = (f: string) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_');
/** The PostgreSQL runs of a file, after its lowdb run (sizes cut inside each file, see bench/README.md). */
const POSTGRES_RUNS: Record<string, string[][]> = {
  'channels/inbound-overhead.ts': [['--store=postgres'], ['--store=postgres', '--replicas=2']],
  'channels/load-p99.ts': [['--store=postgres', '--replicas=2']],
  'store-growth/request-cost.ts': [['--store=postgres']],
  'deadline-pass.ts': [['--store=postgres', '--replicas=2']],
};
const runs = readdirSync(here, { withFileTypes: true })
  .flatMap((e) => {
    if (e.isFile() && isBench(e.name)) return [e.name];
    if (!e.isDirectory() || HELPERS.has(e.name)) return [];
    return readdirSync(join(here, e.name))
      .filter(isBench)
      .map((f) => join(e.name, f));
  })
  .sort()
  .flatMap((file) => [[], ...(POSTGRES_RUNS[file] ?? [])].map((args) => ({ file, args })))
  .map((run) => ({ ...run, name: [run.file, ...run.args].join(' ') }))
  .filter((run) => run.name.includes(filter));

const verdictDir = mkdtempSync(join(tmpdir(), 'bench-verdicts-'));
const verdictFile = join(verdictDir, 'verdicts.jsonl');
const loadBefore = machineLoad();
const started = performance.now();
let failed = 0;
const seconds: [string, number][] = [];
for (const { file, args, name } of runs) {
  process.stdout.write(`\n▶ ${name}\n`);
  const t = performance.now();
  // --strict: a benchmark exits non-zero when it misses its budget, so the summary counts it.
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...args, '--strict'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_VERDICTS: verdictFile },
  });
  seconds.push([name, (performance.now() - t) / 1000]);
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
  `${verdicts.filter((v) => v.pass).length} of ${verdicts.length} budgets met; ${runs.length - failed} of ${runs.length} benchmarks ran within budget.\n`,
);
process.exit(failed ? 1 : 0);
