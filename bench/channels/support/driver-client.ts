import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DriverCommand, DriverMessage, Op, OpResult } from './protocol.js';

/** The parent's handle on the load driver child process. */
export interface Driver {
  slackApiUrl: string;
  serviceUrl: string;
  /** Sends ops one after another, each once the previous one was answered. */
  sequential(ops: Op[]): Promise<{ results: OpResult[] }>;
  /** Sends ops at a fixed rate whatever the answers do. */
  openLoop(
    ops: Op[],
    ratePerSecond: number,
  ): Promise<{ results: OpResult[]; sendLagMs: number[]; driverBusy: number }>;
  /** Keeps `concurrency` requests in flight until all ops were answered. */
  concurrent(ops: Op[], concurrency: number): Promise<{ results: OpResult[] }>;
  stop(): void;
}

const DRIVER = fileURLToPath(new URL('./driver.ts', import.meta.url));

/** Forks the driver (tsx loader), waits until its fakes listen on 127.0.0.1. */
export async function startDriver(): Promise<Driver> {
  const child = fork(DRIVER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (m: DriverMessage) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<Extract<DriverMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load driver exited with ${code}`)));
    child.on('message', (message: DriverMessage) => {
      if (message.type === 'ready') return resolve(message);
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'failed') waiter?.reject(new Error(message.error));
      else waiter?.resolve(message);
    });
  });
  const { slackApiUrl, serviceUrl } = await ready;
  const ask = (
    command:
      | { type: 'sequential'; ops: Op[] }
      | { type: 'concurrent'; ops: Op[]; concurrency: number }
      | { type: 'open-loop'; ops: Op[]; ratePerSecond: number },
  ) =>
    new Promise<Extract<DriverMessage, { type: 'done' }>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (m) => resolve(m as Extract<DriverMessage, { type: 'done' }>), reject });
      child.send({ ...command, id } as DriverCommand);
    });
  return {
    slackApiUrl,
    serviceUrl,
    sequential: (ops) => ask({ type: 'sequential', ops }),
    openLoop: (ops, ratePerSecond) => ask({ type: 'open-loop', ops, ratePerSecond }),
    concurrent: (ops, concurrency) => ask({ type: 'concurrent', ops, concurrency }),
    stop: () => {
      if (child.connected) child.send({ id: 0, type: 'stop' } satisfies DriverCommand);
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
    },
  };
}
