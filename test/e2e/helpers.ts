import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeEnv } from '../support/test-store.js';

export const tempDataDir = (prefix = 'bot-e2e-') => mkdtempSync(join(tmpdir(), prefix));

/**
 * Runs a project script with tsx, as `npm run` would, and collects its output; on the store under
 * test (with TEST_STORE=postgres, its DATA_DIR's database: test/support/test-store.ts).
 */
export async function runScript(input: {
  script: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = await storeEnv({ ...process.env, NODE_ENV: 'production', PORT: '0', ...input.env });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', input.script, ...(input.args ?? [])], {
      // PORT 0: scripts that serve HTTP (start, chat) take a free port, so tests never collide.
      env,
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

/** The shipped entries of `ids` with their permissions as a CATALOG_FILE would change them. */
export function changedCatalog(changes: Record<string, (permissions: string[]) => string[]>): string {
  const shipped = JSON.parse(readFileSync('catalog/integrations.json', 'utf8')) as {
    integrations: { id: string; permissions: string[] }[];
  };
  const integrations = shipped.integrations
    .filter((e) => changes[e.id])
    .map((e) => ({ ...e, permissions: changes[e.id]?.(e.permissions) ?? e.permissions }));
  const file = join(tempDataDir('catalog-file-'), 'catalog.json');
  writeFileSync(file, JSON.stringify({ integrations }));
  return file;
}

/** Jira asks for one more permission and drops one; Dropbox asks for one more. */
export const CATALOG_CHANGES = {
  jira: (p: string[]) => [...p.filter((x) => x !== 'Post link previews'), 'Delete Jira projects'],
  dropbox: (p: string[]) => [...p, 'Delete every file'],
};
