import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// The suites spawn the compiled server (`npm start` runs node dist/bin/start.js): starting it through
// tsx costs seconds a start on a loaded machine, and the crash suite starts it a hundred times.
// dist/ is rebuilt from src when src changed since the last build, so an edit is never tested stale.
const STAMP = join('dist', '.suites-built');
const LOCK = join('dist', '.suites-building');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = () =>
  existsSync(STAMP) &&
  statSync(STAMP).mtimeMs >
    Math.max(newestSource('src'), statSync('tsconfig.json').mtimeMs, statSync('tsconfig.build.json').mtimeMs);

/** Builds dist/ with tsconfig.build.json unless it is newer than src; one build at a time across test files. */
export async function ensureBuilt(): Promise<void> {
  mkdirSync('dist', { recursive: true });
  // Bounded: another test file's build (about 15 s) is waited for at most five minutes.
  for (let i = 0; i < 600 && !fresh(); i++) {
    try {
      mkdirSync(LOCK);
    } catch {
      await sleep(500);
      continue;
    }
    try {
      if (!fresh()) {
        const startedMs = Date.now();
        execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
          stdio: 'inherit',
        });
        writeFileSync(STAMP, '');
        // Dated at the build's start, so an edit made while tsc ran still counts as newer.
        utimesSync(STAMP, new Date(startedMs), new Date(startedMs));
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  if (!fresh()) throw new Error(`dist/ is older than src/ and was not built (a stale ${LOCK} left behind?)`);
}
