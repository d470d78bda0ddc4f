import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/store-process.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A child process running the file store on a data directory, with its stdout as lines. */
export interface StoreProcess {
  child: ChildProcess;
  pid: number;
  lines: string[];
  /** Resolves with the first line (already printed or to come) that satisfies `match`. */
  lineMatching(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `fixtures/store-process.ts` in `mode` on `dataDir` (through tsx, as `npm start` would). */
export function startStoreProcess(input: {
  dataDir: string;
  mode: 'hold' | 'write-loop' | 'audit-loop' | 'exit';
  /** Compaction threshold in journal lines; the store's default when absent. */
  maxLines?: number;
}): StoreProcess {
  const extra = input.maxLines === undefined ? [] : [String(input.maxLines)];
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, input.dataDir, input.mode, ...extra], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let rest = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let gone = false;
  // 'close' comes after the last stdout data, so every printed line is in `lines` by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      gone = true;
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  const lineMatching = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found === undefined && !gone) return;
        listeners.delete(check);
        if (found !== undefined) resolve(found);
        else reject(new Error(`store process exited before the expected line; stderr: ${stderr}`));
      };
      listeners.add(check);
      check();
    });
  return { child, pid: child.pid ?? -1, lines, lineMatching, exited };
}

/** Kills the process with SIGKILL (no clean-up runs, like a crash) and waits for it to be gone. */
export async function crash(running: StoreProcess): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await running.exited;
}
