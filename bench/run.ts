import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- <name filter>]`: runs every benchmark file in bench/ and in its sub-folders
 * one level down (helpers live in `lib/` and `support/` folders, which are skipped), each in its
 * own process so one cannot warm or slow another. Fails if any benchmark fails or misses its budget.
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const HELPERS = new Set(['lib', 'support', 'node_modules']);
const isBench = (f: string) => f.endsWith('.ts') && f !== 'run.ts';
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

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  // --strict: a benchmark exits non-zero when it misses its budget, so the summary counts it.
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), '--strict'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.stdout.write(`\n${files.length - failed} of ${files.length} benchmarks ran within budget.\n`);
process.exit(failed ? 1 : 0);
