// Plain-Node smoke test: every runtime dependency imports outside vitest, and the built server
// starts with `node`, answers /healthz and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const entryOf = { adaptivecards: 'adaptivecards/dist/adaptivecards.js' };
for (const name of Object.keys(pkg.dependencies)) {
  await import(entryOf[name] ?? name);
  console.log(`imported ${name}`);
}

const port = 39000 + Math.floor(Math.random() * 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'smoke-'));
const child = spawn(process.execPath, ['dist/bin/start.js'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let body = null;
for (let i = 0; i < 100 && body === null; i++) {
  await new Promise((r) => setTimeout(r, 100));
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (res.ok) body = await res.json();
  } catch {
    // not listening yet
  }
}
child.kill('SIGTERM');
const code = await new Promise((r) => child.once('exit', r));
if (body?.status !== 'ok') throw new Error('the built server did not answer /healthz');
console.log(
  `smoke: ${process.version} built server answered /healthz ${JSON.stringify(body)} and exited ${code}`,
);
