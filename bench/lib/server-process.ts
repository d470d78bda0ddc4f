/**
 * Servers under test as real processes, started as `npm start` starts the bot (plain Node on
 * compiled JavaScript), and measured from outside: start-up until the first `/healthz` 200,
 * CPU time of every thread of the process that owns the socket, and its resident memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SLACK_SECRET, SLACK_TOKEN } from '../channels/support/protocol.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What `npm start` runs. */
export const OUR_ENTRY = join(ROOT, 'dist', 'bin', 'start.js');
const BARE_ENTRY = join(ROOT, 'bench', 'bare', 'server.mjs');

export type Side = 'bare' | 'ours';

/** A server process on 127.0.0.1. */
export interface ServerProcess {
  side: Side;
  url: string;
  pid: number;
  /** Milliseconds from spawn until `/healthz` first answered 200. */
  coldStartMs: number;
  /** CPU milliseconds (user + system, all threads) the process used so far. */
  cpuMs(): number;
  /** Resident set size in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** CPU of all threads from /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU): finer than clock ticks. */
function cpuMsOf(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

function rssMiBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Waits for the `listening on <url>` line, then polls /healthz every 5 ms (bounded). */
async function whenHealthy(child: ChildProcess, spawnedAt: number): Promise<{ url: string; ms: number }> {
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" line in 30 s: ${text}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('0.0.0.0', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening: ${text}`)));
  });
  for (let i = 0; i < 6000; i++) {
    if (await healthy(url)) return { url, ms: performance.now() - spawnedAt };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url}/healthz never answered 200`);
}

/** Starts the compiled bot (`ours`) or the bare frameworks' server on its own data directory. */
export async function startServer(input: {
  side: Side;
  slackApiUrl: string;
  dataDir: string;
  admins?: string;
  profileDir?: string;
  /** More environment for the server (CATALOG_FILE, TIMEZONE…). */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  if (input.side === 'ours' && !existsSync(OUR_ENTRY))
    throw new Error(`${OUR_ENTRY} is missing: npm run build`);
  const env = {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: input.dataDir,
    PUBLIC_URL: 'https://bot.bench.local',
    ADMINS: input.admins ?? '',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_API_URL: input.slackApiUrl,
    STATE_SECRET: 'bench-state-secret-0123456789',
    NODE_ENV: 'production',
    ...input.env,
  };
  const profile = input.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${input.profileDir}`] : [];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...profile, input.side === 'ours' ? OUR_ENTRY : BARE_ENTRY], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, ms } = await whenHealthy(child, spawnedAt);
  // The bot logs a JSON line per event on stdout; keep reading so the pipe never fills.
  child.stdout?.resume();
  const pid = child.pid as number;
  return {
    side: input.side,
    url,
    pid,
    coldStartMs: ms,
    cpuMs: () => cpuMsOf(pid),
    rssMiB: () => rssMiBOf(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * One side's processes: the bare server, or the bot's replicas (two share one PostgreSQL
 * database). Requests go to them in turn (`url(i)`, a simple round-robin); CPU is summed over
 * them, memory is the largest one's.
 */
export interface ServerGroup {
  side: Side;
  servers: ServerProcess[];
  /** The URL request `i` goes to. */
  url(i: number): string;
  cpuMs(): number;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Starts `count` servers (one after another) with the same input; `DATABASE_URL` in `env` makes them share a database. */
export async function startServerGroup(
  input: Parameters<typeof startServer>[0] & { count?: number },
): Promise<ServerGroup> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < (input.count ?? 1); i++) servers.push(await startServer(input));
  return {
    side: input.side,
    servers,
    url: (i) => (servers[i % servers.length] as ServerProcess).url,
    cpuMs: () => servers.reduce((ms, s) => ms + s.cpuMs(), 0),
    rssMiB: () => Math.max(...servers.map((s) => s.rssMiB())),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
