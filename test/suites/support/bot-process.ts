import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The compiled script `npm run <name>` runs (package.json `scripts`, `node <script>`), so the suites follow it. */
export function npmScript(name: 'start' | 'tick'): string {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts[name]?.split(/\s+/).find((part) => part.endsWith('.js'));
  if (!script) throw new Error(`cannot find the script in "npm run ${name}": ${pkg.scripts[name]}`);
  return script;
}

/** The server's script, as `npm start` runs it; call `ensureBuilt` (compiled.ts) first. */
export const startScript = (): string => npmScript('start');

/** A bot process (the server or `tick`) spawned with node, as `npm run` runs it. */
export interface BotProcess {
  readonly pid: number;
  /** Resolves with the URL once the server says it listens; rejects if it exits first or takes too long. */
  readonly listening: Promise<string>;
  /** Resolves once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  /** kill -9, then waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `script` with `args`; `env` adds to the test's environment. */
export function spawnBot(input: {
  script: string;
  args?: string[];
  env: Record<string, string>;
  listenTimeoutMs?: number;
}): BotProcess {
  const child: ChildProcess = spawn(process.execPath, [input.script, ...(input.args ?? [])], {
    env: { ...process.env, NODE_ENV: 'production', ...input.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line within ${input.listenTimeoutMs ?? 60_000} ms`)),
      input.listenTimeoutMs ?? 60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${signal ?? code}) before listening: ${err.slice(-2000)}`));
    });
  });
  listening.catch(() => undefined);
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    pid: child.pid ?? -1,
    listening,
    exited,
    stdout: () => out,
    stderr: () => err,
    kill: async () => {
      await signal('SIGKILL');
    },
    stop: async (graceMs = 30_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await signal('SIGTERM');
      clearTimeout(timer);
      return result;
    },
  };
}
