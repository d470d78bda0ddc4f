import type { Clock } from '../../../src/application/ports/clock.js';

/** Simulated time: `sleep` parks a task until `run` advances the clock to it; no real waiting. */
export interface SimulatedTime {
  clock: Clock;
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  /** Drives `work` to completion, jumping the clock to each next wake-up when nothing else can run. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSimulatedTime(start: Date | string): SimulatedTime {
  let now = new Date(start).getTime();
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  let seq = 0;
  const sim: SimulatedTime = {
    clock: { now: () => new Date(now) },
    nowMs: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: (ms) =>
      new Promise<void>((wake) => {
        seq += 1;
        timers.push({ at: now + Math.max(0, ms), seq, wake });
      }),
    run: async (work) => {
      let done = false;
      const result = work().finally(() => {
        done = true;
      });
      result.catch(() => undefined);
      while (!done) {
        await turn();
        if (done || !timers.length) continue;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        now = Math.max(now, timers[0]?.at ?? now);
        while (timers[0] && timers[0].at <= now) timers.shift()?.wake();
      }
      return result;
    },
  };
  return sim;
}
