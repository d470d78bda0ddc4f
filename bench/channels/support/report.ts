import { appendFileSync, readFileSync } from 'node:fs';
import { tagged } from '../../lib/store.js';

/** Summaries, tables and PASS/FAIL verdicts shared by every benchmark. */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (0 for none). */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Count, mean and percentiles of a sample. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : 0,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

/** A fixed-width text table; numbers are shown with `digits` decimals. */
export function table(headers: readonly string[], rows: readonly (string | number)[][], digits = 2): string {
  const show = (c: string | number) =>
    typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(digits)) : c;
  const cells = rows.map((row) => row.map(show));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => String(row[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

/** One budget's outcome, as `npm run bench` gathers them for its final table. */
export interface Verdict {
  bench: string;
  budget: string;
  pass: boolean;
  /** The figure the budget is about (a ratio, a time). */
  measured: string;
  /** The bot's and the bare counterpart's figures, when there is a counterpart. */
  ours?: string;
  bare?: string;
}

/**
 * Collects budget verdicts and sets the exit code (non-zero on a FAIL only with --strict).
 * With BENCH_VERDICTS set (as `npm run bench` sets it), each verdict is also appended to that
 * file as a JSON line, for the final table. On PostgreSQL (`--store=postgres`), each budget
 * starts with the store's tag (`[postgres]`, `[postgres ×2]`).
 */
export function createVerdicts(name: string) {
  const failed: string[] = [];
  return {
    /** Prints `PASS`/`FAIL <budget>: <measured>` and remembers failures. */
    check(verdict: Omit<Verdict, 'bench'>): void {
      const input = { ...verdict, budget: tagged(verdict.budget) };
      if (!input.pass) failed.push(input.budget);
      const sides = input.ours ? ` (ours ${input.ours}, bare ${input.bare ?? '—'})` : '';
      console.log(`${input.pass ? 'PASS' : 'FAIL'} ${input.budget}: ${input.measured}${sides}`);
      const file = process.env.BENCH_VERDICTS;
      if (file) appendFileSync(file, `${JSON.stringify({ bench: name, ...input } satisfies Verdict)}\n`);
    },
    finish(): void {
      const strict = process.argv.includes('--strict');
      console.log(failed.length ? `${name}: ${failed.length} budget(s) failed` : `${name}: all budgets met`);
      process.exitCode = strict && failed.length ? 1 : 0;
    },
  };
}

/** Milliseconds of CPU (user + system) this process used since `since`. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The machine's load now: load averages and CPU pressure (share of time some task waited for a CPU). */
export function machineLoad(): string {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return 'n/a';
    }
  };
  const load = read('/proc/loadavg').split(' ').slice(0, 3).join(' ');
  const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(read('/proc/pressure/cpu'));
  const pressure = some ? `cpu pressure avg10 ${some[1]}%, avg60 ${some[2]}%` : 'cpu pressure n/a';
  return `load average ${load} · ${pressure}`;
}
