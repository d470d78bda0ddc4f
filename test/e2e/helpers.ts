import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDataDir = (prefix = 'bot-e2e-') => mkdtempSync(join(tmpdir(), prefix));

/** Runs a project script with tsx, as `npm run` would, and collects its output. */
export function runScript(input: {
  script: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', input.script, ...(input.args ?? [])], {
      // PORT 0: scripts that serve HTTP (start, chat) take a free port, so tests never collide.
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', ...input.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), input.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input.stdin ?? '');
  });
}
