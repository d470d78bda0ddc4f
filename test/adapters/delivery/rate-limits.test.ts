import { describe, expect, it, vi } from 'vitest';
import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import { createRateLimiter } from '../../../src/adapters/delivery/rate-limiter.js';
import { queueNotice } from '../../../src/application/outbox.js';
import { message } from '../../../src/application/views/format.js';
import { createDiskStore } from '../../fakes/deadline-store.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { createFakeSender, SLACK_LIMITS, TEAMS_LIMITS } from './fake-sender.js';
import { createSimulatedTime } from './simulated-time.js';

const T0 = '2026-03-01T09:00:00.000Z';
const t0 = Date.parse(T0);

async function queueMany(store: ReturnType<typeof createDiskStore>, targets: string[]) {
  await store.update((state) => {
    for (const target of targets)
      queueNotice(state, { now: new Date(T0), target, view: message('info', target) });
  });
}

function setup(concurrency?: number) {
  const sim = createSimulatedTime(T0);
  const store = createDiskStore();
  const slack = createFakeSender({ limits: SLACK_LIMITS, now: () => sim.nowMs() - t0 });
  const teams = createFakeSender({ limits: TEAMS_LIMITS, now: () => sim.nowMs() - t0 });
  const worker = createDeliveryWorker({
    store,
    senders: { slack, teams },
    clock: sim.clock,
    logger: silentLogger,
    onGone: vi.fn(async () => {}),
    sleep: sim.sleep,
    ...(concurrency ? { concurrency } : {}),
  });
  return { sim, store, slack, teams, worker };
}

const times = (sent: { at: number }[]) => sent.map((m) => m.at);

describe('delivery rate limits', () => {
  it('sends to one Slack channel once a second, no faster', async () => {
    const { sim, store, slack, worker } = setup();
    await queueMany(store, ['slack:C1', 'slack:C1', 'slack:C1']);
    await sim.run(() => worker.runOnce());
    expect(times(slack.sent)).toEqual([0, 1_000, 2_000]);
    expect(slack.sent.map((m) => m.view)).toEqual([0, 1, 2].map(() => message('info', 'slack:C1')));
  });

  it('sends 7 a second to a Teams conversation, and at most 60 in 30 seconds', async () => {
    const { sim, store, teams, worker } = setup();
    await queueMany(
      store,
      Array.from({ length: 62 }, () => 'teams:19:a'),
    );
    await sim.run(() => worker.runOnce());
    const at = times(teams.sent);
    expect(at.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000]);
    expect(at[59]).toBe(8_000);
    expect(at.slice(60)).toEqual([30_000, 30_000]);
  });

  it('sends to different conversations side by side', async () => {
    const { sim, store, slack, teams, worker } = setup();
    await queueMany(store, ['slack:C1', 'slack:C2', 'slack:C1', 'teams:19:a', 'slack:C3']);
    await sim.run(() => worker.runOnce());
    expect(slack.sent.map((m) => [m.target, m.at])).toEqual([
      ['slack:C1', 0],
      ['slack:C2', 0],
      ['slack:C3', 0],
      ['slack:C1', 1_000],
    ]);
    expect(times(teams.sent)).toEqual([0]);
  });

  it('keeps no more requests in flight than its concurrency', async () => {
    const { sim, store, slack, worker } = setup(3);
    let inFlight = 0;
    let most = 0;
    const post = slack.post;
    slack.post = async (input) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sim.sleep(50);
      inFlight -= 1;
      return post(input);
    };
    await queueMany(
      store,
      Array.from({ length: 10 }, (_, i) => `slack:C${i}`),
    );
    await sim.run(() => worker.runOnce());
    expect(slack.sent).toHaveLength(10);
    expect(most).toBe(3);
  });

  it('remembers the limits across runs', async () => {
    const { sim, store, slack, worker } = setup();
    await queueMany(store, ['slack:C1']);
    await sim.run(() => worker.runOnce());
    sim.advance(200);
    await queueMany(store, ['slack:C1']);
    await sim.run(() => worker.runOnce());
    expect(times(slack.sent)).toEqual([0, 1_000]);
  });
});

describe('createRateLimiter', () => {
  it('holds a target back until a Retry-After has passed', () => {
    const limiter = createRateLimiter();
    limiter.block('slack:C1', 5_000);
    expect(limiter.waitMs({ target: 'slack:C1', limits: SLACK_LIMITS, nowMs: 1_000 })).toBe(4_000);
    expect(limiter.waitMs({ target: 'slack:C2', limits: SLACK_LIMITS, nowMs: 1_000 })).toBe(0);
  });

  it('ignores a limit of zero messages rather than waiting for ever', () => {
    const limiter = createRateLimiter();
    limiter.record({ target: 'x:1', limits: [{ count: 0, perMs: 1_000 }], atMs: 0 });
    expect(limiter.waitMs({ target: 'x:1', limits: [{ count: 0, perMs: 1_000 }], nowMs: 0 })).toBe(0);
  });
});
