import { describe, expect, it, vi } from 'vitest';
import {
  CLAIM_LEASE_MS,
  type ClaimOptions,
  createDeliveryWorker,
  type DeliveryWorker,
} from '../../../src/adapters/delivery/index.js';
import { createFileStore, createMemoryStore, loadState } from '../../../src/adapters/storage/index.js';
import { queueNotice } from '../../../src/application/outbox.js';
import { type Clock, systemClock } from '../../../src/application/ports/clock.js';
import type { Logger } from '../../../src/application/ports/logger.js';
import type { Sender } from '../../../src/application/ports/sender.js';
import type { Store } from '../../../src/application/ports/store.js';
import type { View } from '../../../src/application/views/view.js';
import { emptyState } from '../../../src/domain/state.js';
import { fixedClock } from '../../fakes/clock.js';
import { createDiskStore } from '../../fakes/deadline-store.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { useTempDirs } from '../storage/temp-dir.js';
import { createFakeSender, SLACK_LIMITS, TEAMS_LIMITS } from './fake-sender.js';
import { createLimitedPlatform } from './limited-platform.js';
import { createSimulatedTime } from './simulated-time.js';

const AT = '2027-06-01T09:00:00.000Z';
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tempDir = useTempDirs();

/** A card the limited platform reports by its title: `<target>#<n>`, n counting per target from 0. */
const card = (title: string) => ({ kind: 'message', tone: 'info', text: title, title }) as unknown as View;

async function queue(store: Store, input: { now: Date; target: string; title: string }[]): Promise<void> {
  await store.update((state) => {
    for (const { now, target, title } of input) queueNotice(state, { now, target, view: card(title) });
  });
}

function aWorker(input: {
  store: Store;
  slack: Sender;
  clock: Clock & { advance?(ms: number): void };
  sleep?: (ms: number) => Promise<void>;
  claims?: ClaimOptions;
  logger?: Logger;
}): DeliveryWorker {
  const { clock } = input;
  return createDeliveryWorker({
    store: input.store,
    senders: { slack: input.slack },
    clock,
    logger: input.logger ?? silentLogger,
    onGone: async () => {},
    sleep: input.sleep ?? (async (ms) => clock.advance?.(ms)),
    ...(input.claims ? { claims: input.claims } : {}),
  });
}

/** Workers `a` and `b` on one outbox and one simulated clock, each claiming what it sends to. */
function twoWorkers(input: {
  store: Store;
  slack: Sender;
  time: ReturnType<typeof createSimulatedTime>;
}): [DeliveryWorker, DeliveryWorker] {
  const { store, slack, time } = input;
  const worker = (workerId: string) =>
    aWorker({ store, slack, clock: time.clock, sleep: time.sleep, claims: { workerId } });
  return [worker('a'), worker('b')];
}

const titlesOf = (sender: { sent: { view: View }[] }) =>
  sender.sent.map((m) => (m.view as unknown as { title: string }).title);

/** A Slack sender whose posts never get an answer: the process sending died with them on the way. */
function aDyingSender() {
  const sender = createFakeSender();
  sender.post = async () => {
    sender.calls += 1;
    return new Promise(() => {});
  };
  return sender;
}

/**
 * Queues the cards `titles` names (`C1#0` goes to slack:C1) and starts worker `a`, which claims
 * every conversation and dies sending its first card to each.
 */
async function diedHolding(titles: string[]) {
  const clock = fixedClock(AT);
  const store = createMemoryStore();
  const now = clock.now();
  const targetOf = (title: string) => `slack:${title.split('#')[0]}`;
  await queue(
    store,
    titles.map((title) => ({ now, target: targetOf(title), title })),
  );
  const dying = aDyingSender();
  const a = aWorker({ store, slack: dying, clock, claims: { workerId: 'a' } });
  void a.runOnce();
  await vi.waitFor(() => expect(dying.calls).toBe(new Set(titles.map(targetOf)).size));
  return { clock, store, a };
}

describe('delivery workers sharing one outbox (SPEC §12: one per replica)', () => {
  it('delivers 200 notices to 20 conversations from two workers at once: each once, in order, within the limits', async () => {
    const time = createSimulatedTime(AT);
    const store = createMemoryStore();
    // One platform behind both workers: it refuses (429) any card over a conversation's limit, so a
    // second worker sending to a conversation the first has just sent to would show up here.
    const slack = createLimitedPlatform({ limits: SLACK_LIMITS, time, answerMs: 20 });
    const targets = Array.from({ length: 20 }, (_, i) => `slack:C${i + 1}`);
    const [a, b] = twoWorkers({ store, slack, time });
    let producing = true;
    // Ten waves, 300 ms apart, of one card to each conversation: faster than a card a second, so
    // each conversation's cards back up and pass from one worker to the other between runs.
    const produce = async () => {
      for (let wave = 0; wave < 10; wave++) {
        await queue(
          store,
          targets.map((target) => ({ now: time.clock.now(), target, title: `${target}#${wave}` })),
        );
        await time.sleep(300);
      }
      producing = false;
    };
    const delivered = { a: 0, b: 0 };
    const drive = async (
      name: 'a' | 'b',
      worker: DeliveryWorker,
      input: { startMs: number; everyMs: number },
    ) => {
      await time.sleep(input.startMs);
      for (let runs = 0; runs < 400; runs++) {
        const report = await worker.runOnce();
        delivered[name] += report.delivered;
        if (!producing && !store.read().outbox.some((n) => n.state === 'queued')) return;
        await time.sleep(input.everyMs);
      }
    };

    await time.run(() =>
      Promise.all([
        produce(),
        // Runs further apart than the one-second window a conversation stays with its last sender,
        // so the conversations change hands.
        drive('a', a, { startMs: 0, everyMs: 2_500 }),
        drive('b', b, { startMs: 150, everyMs: 1_700 }),
      ]),
    );

    const byTarget = new Map<string, string[]>();
    for (const arrival of slack.arrivals)
      byTarget.set(arrival.target, [...(byTarget.get(arrival.target) ?? []), arrival.title]);
    for (const target of targets)
      expect(byTarget.get(target)).toEqual(Array.from({ length: 10 }, (_, wave) => `${target}#${wave}`));
    expect(slack.arrivals).toHaveLength(200);
    expect(slack.rejected).toBe(0);
    // Both did part of it: the test exercises the hand-over, not one worker doing all.
    expect(delivered.a + delivered.b).toBe(200);
    expect(delivered.a).toBeGreaterThan(0);
    expect(delivered.b).toBeGreaterThan(0);
    expect(store.read().outbox.filter((n) => n.state === 'queued')).toEqual([]);
  });

  it('leaves the notices of a worker that died after claiming to the other once the lease has run out, each sent once', async () => {
    const { clock, store } = await diedHolding(['C1#0', 'C1#1', 'C2#0', 'C1#2']);
    expect(store.read().deliveryClaims).toEqual({
      'slack:C1': { by: 'a', until: new Date(Date.parse(AT) + CLAIM_LEASE_MS).toISOString() },
      'slack:C2': { by: 'a', until: new Date(Date.parse(AT) + CLAIM_LEASE_MS).toISOString() },
    });

    const slack = createFakeSender();
    const b = aWorker({ store, slack, clock, claims: { workerId: 'b' } });
    const early = await b.runOnce();
    expect(early).toMatchObject({ attempted: 0 });
    // It says when to look again: when the dead worker's claim runs out.
    expect(early.nextDueAt).toBe(new Date(Date.parse(AT) + CLAIM_LEASE_MS).toISOString());
    clock.advance(CLAIM_LEASE_MS - 1);
    expect(await b.runOnce()).toMatchObject({ attempted: 0 });

    clock.advance(1);
    const report = await b.runOnce();
    expect(report.delivered).toBe(4);
    expect(titlesOf(slack).filter((t) => t.startsWith('C1'))).toEqual(['C1#0', 'C1#1', 'C1#2']);
    expect(titlesOf(slack).filter((t) => t.startsWith('C2'))).toEqual(['C2#0']);
    clock.advance(60_000);
    expect(await b.runOnce()).toMatchObject({ attempted: 0, nextDueAt: null });
    expect(slack.sent).toHaveLength(4);
    expect(store.read().outbox).toEqual([]);
  });

  it('counts apart the queued notices another worker holds a live claim on (what tick prints as being sent elsewhere)', async () => {
    const { clock, store, a } = await diedHolding(['C1#0', 'C1#1', 'C2#0']);
    await queue(store, [{ now: clock.now(), target: 'slack:C3', title: 'C3#0' }]);

    const b = aWorker({ store, slack: createFakeSender(), clock, claims: { workerId: 'b' } });
    // C1 and C2 are a's; C3, queued after a claimed, is nobody's yet.
    expect(b.waiting()).toEqual({ queued: 4, heldElsewhere: 3 });
    expect(a.waiting()).toEqual({ queued: 4, heldElsewhere: 0 });
    expect(aWorker({ store, slack: createFakeSender(), clock }).waiting()).toEqual({
      queued: 4,
      heldElsewhere: 0,
    });
    await b.runOnce();
    expect(b.waiting()).toEqual({ queued: 3, heldElsewhere: 3 });
    // Once a's claims lapse, what it left is waiting, not being sent.
    clock.advance(CLAIM_LEASE_MS);
    expect(b.waiting()).toEqual({ queued: 3, heldElsewhere: 0 });
  });

  it('dates claims by the lease clock, so a worker running at another time (tick --at) and a live one share them', async () => {
    const WALL = '2026-11-29T06:00:00.000Z';
    const wall = fixedClock(WALL);
    const ahead = fixedClock(AT);
    const store = createMemoryStore();
    // A live replica's claim, dated by the wall clock, on a conversation it is sending to.
    await queue(store, [{ now: wall.now(), target: 'slack:C1', title: 'C1#0' }]);
    const dying = aDyingSender();
    const live = aWorker({
      store,
      slack: dying,
      clock: wall,
      claims: { workerId: 'live', leaseClock: wall },
    });
    void live.runOnce();
    await vi.waitFor(() => expect(dying.calls).toBe(1));
    const leaseEnd = new Date(Date.parse(WALL) + CLAIM_LEASE_MS).toISOString();
    expect(store.read().deliveryClaims['slack:C1']).toEqual({ by: 'live', until: leaseEnd });

    // The tick, months ahead, leaves the live claim alone (its lease has not run out on the wall clock)…
    await queue(store, [{ now: ahead.now(), target: 'slack:C2', title: 'C2#0' }]);
    const tickSlack = createFakeSender();
    const tick = aWorker({
      store,
      slack: tickSlack,
      clock: ahead,
      claims: { workerId: 'tick', leaseClock: wall },
    });
    const report = await tick.runOnce();
    expect(titlesOf(tickSlack)).toEqual(['C2#0']);
    expect(report.nextDueAt).toBe(new Date(Date.parse(AT) + CLAIM_LEASE_MS).toISOString());
    expect(store.read().deliveryClaims['slack:C1']).toEqual({ by: 'live', until: leaseEnd });
    // …and what it keeps of its own claim (the pace window after its answer) is on the wall clock too,
    // so a live replica sends there a second later, not months later.
    expect(Date.parse(store.read().deliveryClaims['slack:C2']?.until ?? '')).toBeLessThanOrEqual(
      Date.parse(WALL) + 1_000,
    );
    await queue(store, [{ now: wall.now(), target: 'slack:C2', title: 'C2#1' }]);
    const otherSlack = createFakeSender();
    const other = aWorker({
      store,
      slack: otherSlack,
      clock: wall,
      claims: { workerId: 'other', leaseClock: wall },
    });
    wall.advance(1_000);
    ahead.advance(1_000);
    await other.runOnce();
    expect(titlesOf(otherSlack)).toEqual(['C2#1']);
  });

  it('stops a worker that stalled past its lease from sending more to a conversation the other took over', async () => {
    const clock = fixedClock(AT);
    const store = createMemoryStore();
    const now = clock.now();
    await queue(store, [
      { now, target: 'slack:C1', title: 'C1#0' },
      { now, target: 'slack:C1', title: 'C1#1' },
      { now, target: 'slack:C1', title: 'C1#2' },
    ]);
    const stalled = createFakeSender();
    let answer: (() => void) | null = null;
    const post = stalled.post;
    stalled.post = async (input) => {
      if (stalled.calls === 0)
        await new Promise<void>((resolve) => {
          answer = resolve;
        });
      return post(input);
    };
    const a = aWorker({ store, slack: stalled, clock, claims: { workerId: 'a' } });
    const aRun = a.runOnce();
    await vi.waitFor(() => expect(answer).not.toBeNull());

    const slack = createFakeSender();
    const b = aWorker({ store, slack, clock, claims: { workerId: 'b' } });
    clock.advance(CLAIM_LEASE_MS);
    expect((await b.runOnce()).delivered).toBe(3);
    (answer as unknown as () => void)();
    await aRun;

    // The card on its way when the lease ran out went twice (a crash's one repeat); the rest once.
    expect(titlesOf(stalled)).toEqual(['C1#0']);
    expect(titlesOf(slack)).toEqual(['C1#0', 'C1#1', 'C1#2']);
    expect(store.read().outbox).toEqual([]);
  });

  it('frees a conversation at release, leaving its sends so the next worker paces from them', async () => {
    const time = createSimulatedTime(AT);
    const store = createMemoryStore();
    const slack = createLimitedPlatform({ limits: SLACK_LIMITS, time, answerMs: 50 });
    const [a, b] = twoWorkers({ store, slack, time });
    await queue(store, [{ now: time.clock.now(), target: 'slack:C1', title: 'one' }]);
    expect((await time.run(() => a.runOnce())).delivered).toBe(1);
    const answeredAt = Date.parse(AT) + 50;
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(store.read().deliveryClaims).toEqual({
      'slack:C1': {
        by: 'a',
        until: iso(answeredAt),
        pacing: { sends: [iso(answeredAt)], keepUntil: iso(answeredAt + 1_000) },
      },
    });

    // The other worker takes it at once, and its pacing waits out the rest of a's second.
    await queue(store, [{ now: time.clock.now(), target: 'slack:C1', title: 'two' }]);
    expect((await time.run(() => b.runOnce())).delivered).toBe(1);
    expect(slack.arrivals.map((x) => x.title)).toEqual(['one', 'two']);
    expect(slack.arrivals[1]?.at).toBeGreaterThanOrEqual(answeredAt + 1_000);
    expect(slack.rejected).toBe(0);
    // …and passes a's send on with its own when it releases, for as long as a window counts it.
    expect(store.read().deliveryClaims['slack:C1']?.by).toBe('b');
    expect(store.read().deliveryClaims['slack:C1']?.pacing?.sends).toHaveLength(1);
  });

  it('lets the next worker use what is left of a limit window rather than wait it out (Teams: 7 a second, 60 in 30)', async () => {
    const time = createSimulatedTime(AT);
    const store = createMemoryStore();
    const teams = createLimitedPlatform({ limits: TEAMS_LIMITS, time, answerMs: 20 });
    const [a, b] = twoWorkers({ store, slack: teams, time });
    const now = time.clock.now();
    await queue(
      store,
      ['a1', 'a2', 'a3'].map((title) => ({ now, target: 'slack:C1', title })),
    );
    await time.run(() => a.runOnce());
    const released = time.nowMs();
    await queue(
      store,
      ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map((title) => ({
        now: time.clock.now(),
        target: 'slack:C1',
        title,
      })),
    );
    expect((await time.run(() => b.runOnce())).delivered).toBe(6);
    const at = (title: string) => teams.arrivals.find((x) => x.title === title)?.at ?? Number.NaN;
    // Four more fit in the second a's first card opened; the rest wait for it to pass, not for 30 s.
    expect(at('b4')).toBeLessThan(at('a1') + 1_000);
    expect(at('b5')).toBeGreaterThanOrEqual(at('a1') + 1_000);
    expect(at('b6')).toBeLessThan(released + 2_000);
    expect(teams.rejected).toBe(0);
  });

  it('lets the worker that holds a conversation go on sending to it before its limit window has passed', async () => {
    const time = createSimulatedTime(AT);
    const store = createMemoryStore();
    const slack = createLimitedPlatform({ limits: SLACK_LIMITS, time, answerMs: 50 });
    const a = aWorker({ store, slack, clock: time.clock, sleep: time.sleep, claims: { workerId: 'a' } });
    await queue(store, [{ now: time.clock.now(), target: 'slack:C1', title: 'one' }]);
    await time.run(() => a.runOnce());
    await queue(store, [{ now: time.clock.now(), target: 'slack:C1', title: 'two' }]);
    // Its own pacing knows when it last sent there, and waits out the rest of the second itself.
    expect((await time.run(() => a.runOnce())).delivered).toBe(1);
    expect(slack.rejected).toBe(0);
    expect(slack.arrivals.map((x) => x.title)).toEqual(['one', 'two']);
  });

  it('renews its claims as results are saved, so a run longer than the lease keeps its conversations', async () => {
    const time = createSimulatedTime(AT);
    const store = createMemoryStore();
    const slack = createLimitedPlatform({ limits: SLACK_LIMITS, time, answerMs: 20 });
    const claims = (workerId: string) => ({ workerId, leaseMs: 10_000 });
    const a = aWorker({ store, slack, clock: time.clock, sleep: time.sleep, claims: claims('a') });
    const b = aWorker({ store, slack, clock: time.clock, sleep: time.sleep, claims: claims('b') });
    const titles = Array.from({ length: 30 }, (_, i) => `C1#${i}`);
    await queue(
      store,
      titles.map((title) => ({ now: time.clock.now(), target: 'slack:C1', title })),
    );
    let bDelivered = 0;
    // Thirty cards at a card a second take three leases; the other worker keeps trying meanwhile.
    const [aReport] = await time.run(() =>
      Promise.all([
        a.runOnce(),
        (async () => {
          for (let i = 0; i < 15; i++) {
            await time.sleep(3_000);
            bDelivered += (await b.runOnce()).delivered;
          }
        })(),
      ]),
    );
    expect(aReport.delivered).toBe(30);
    expect(bDelivered).toBe(0);
    expect(slack.arrivals.map((x) => x.title)).toEqual(titles);
    expect(slack.rejected).toBe(0);
  });

  it('renews its claims while a send outlasts the lease, so no other worker sends the same notice', async () => {
    // Real time: the renewal runs on a timer, as a send that takes the connector's 30 s would.
    const store = createMemoryStore();
    await queue(store, [{ now: systemClock.now(), target: 'slack:C1', title: 'C1#0' }]);
    const slow = createFakeSender();
    const post = slow.post;
    slow.post = async (input) => {
      await realSleep(1_200);
      return post(input);
    };
    const claims = (workerId: string) => ({ workerId, leaseMs: 400 });
    const worker = (slack: Sender, workerId: string) =>
      aWorker({ store, slack, clock: systemClock, sleep: realSleep, claims: claims(workerId) });
    const a = worker(slow, 'a');
    const other = createFakeSender();
    const b = worker(other, 'b');
    const aRun = a.runOnce();
    let bDelivered = 0;
    for (let i = 0; i < 10; i++) {
      await realSleep(100);
      bDelivered += (await b.runOnce()).delivered;
    }
    expect((await aRun).delivered).toBe(1);
    expect(bDelivered).toBe(0);
    expect(titlesOf(other)).toEqual([]);
    expect(titlesOf(slow)).toEqual(['C1#0']);
    // Released: free to anyone now (the record keeps only the pace of the send).
    expect(Date.parse(store.read().deliveryClaims['slack:C1']?.until ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('writes one claim and one release per run, and nothing while idle', async () => {
    const store = createDiskStore();
    const clock = fixedClock(AT);
    const now = clock.now();
    const notices = [1, 2, 3].flatMap((c) =>
      [0, 1].map((n) => ({ now, target: `slack:C${c}`, title: `C${c}#${n}` })),
    );
    await queue(store, notices);
    const shared = aWorker({ store, slack: createFakeSender(), clock, claims: { workerId: 'a' } });
    const before = store.writes();
    expect((await shared.runOnce()).delivered).toBe(6);
    // One claim, a result each (as a single worker writes), one write to release and compact.
    expect(store.writes() - before).toBe(1 + 6 + 1);
    clock.advance(60_000);
    const idle = store.writes();
    await shared.runOnce();
    await shared.runOnce();
    expect(store.writes()).toBe(idle);

    const sole = createDiskStore();
    await queue(sole, notices);
    const alone = aWorker({ store: sole, slack: createFakeSender(), clock });
    const soleBefore = sole.writes();
    await alone.runOnce();
    expect(sole.writes() - soleBefore).toBe(6 + 1);
    expect(sole.read().deliveryClaims).toEqual({});
  });

  it('claims a large fan-out in chunks, one claim write a chunk, each notice once', async () => {
    const store = createDiskStore();
    const clock = fixedClock(AT);
    const now = clock.now();
    await queue(
      store,
      Array.from({ length: 10 }, (_, c) => ({ now, target: `slack:C${c}`, title: `C${c}#0` })),
    );
    const slack = createFakeSender();
    const worker = aWorker({ store, slack, clock, claims: { workerId: 'a', chunk: 3 } });
    const before = store.writes();
    expect((await worker.runOnce()).delivered).toBe(10);
    // Four claims (3, 3, 3, 1), a result each, one write to release and compact.
    expect(store.writes() - before).toBe(4 + 10 + 1);
    expect(titlesOf(slack).sort()).toEqual(Array.from({ length: 10 }, (_, c) => `C${c}#0`).sort());
    expect(
      Object.values(store.read().deliveryClaims).every((c) => Date.parse(c.until) <= clock.now().getTime()),
    ).toBe(true);
    expect(store.read().outbox).toEqual([]);
  });

  it('shares a fan-out between two workers that reach it together, each conversation whole to one', async () => {
    const clock = fixedClock(AT);
    const store = createMemoryStore();
    const now = clock.now();
    const targets = Array.from({ length: 40 }, (_, c) => `slack:C${c}`);
    await queue(
      store,
      [0, 1].flatMap((n) => targets.map((target) => ({ now, target, title: `${target}#${n}` }))),
    );
    // Each post takes a little real time, as a platform's answer does.
    const slowSender = () => {
      const sender = createFakeSender();
      const post = sender.post;
      sender.post = async (input) => {
        await realSleep(2);
        return post(input);
      };
      return sender;
    };
    const [slackA, slackB] = [slowSender(), slowSender()];
    const worker = (slack: Sender, workerId: string) =>
      aWorker({ store, slack, clock, claims: { workerId, chunk: 5 } });
    const [a, b] = await Promise.all([worker(slackA, 'a').runOnce(), worker(slackB, 'b').runOnce()]);

    expect(a.delivered + b.delivered).toBe(80);
    expect(a.delivered).toBeGreaterThan(0);
    expect(b.delivered).toBeGreaterThan(0);
    const byA = new Set(titlesOf(slackA).map((t) => t.split('#')[0]));
    for (const title of titlesOf(slackB)) expect(byA.has(title.split('#')[0]), title).toBe(false);
    for (const sender of [slackA, slackB]) {
      const titles = titlesOf(sender);
      for (const target of new Set(titles.map((t) => t.split('#')[0])))
        expect(titles.filter((t) => t.startsWith(`${target}#`))).toEqual([`${target}#0`, `${target}#1`]);
    }
    expect(store.read().outbox).toEqual([]);
  });

  it('writes nothing while every conversation with notices due is held by another worker', async () => {
    const store = createDiskStore();
    const clock = fixedClock(AT);
    await queue(store, [{ now: clock.now(), target: 'slack:C1', title: 'x' }]);
    await store.update((state) => {
      state.deliveryClaims['slack:C1'] = { by: 'a', until: new Date(Date.parse(AT) + 10_000).toISOString() };
    });
    const b = aWorker({ store, slack: createFakeSender(), clock, claims: { workerId: 'b' } });
    const before = store.writes();
    expect(await b.runOnce()).toMatchObject({ attempted: 0 });
    expect(store.writes()).toBe(before);
  });

  it('sends nothing when the claim cannot be saved, says so once, and claims again after a backoff', async () => {
    const clock = fixedClock(AT);
    const store = createMemoryStore();
    await queue(store, [{ now: clock.now(), target: 'slack:C1', title: 'x' }]);
    const update = store.update;
    let failures = 2;
    store.update = (change) =>
      failures-- > 0
        ? Promise.reject(Object.assign(new Error('disk full'), { writeFailure: 'disk-full' }))
        : update(change);
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const slack = createFakeSender();
    const worker = aWorker({ store, slack, clock, logger, claims: { workerId: 'a' } });

    const first = await worker.runOnce();
    expect(first).toMatchObject({ attempted: 0, nextDueAt: '2027-06-01T09:00:01.000Z' });
    // Before the backoff has passed it does not try.
    expect(await worker.runOnce()).toMatchObject({ attempted: 0 });
    expect(failures).toBe(1);
    clock.advance(1_000);
    expect(await worker.runOnce()).toMatchObject({ attempted: 0, nextDueAt: '2027-06-01T09:00:03.000Z' });
    clock.advance(2_000);
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });

    expect(slack.sent).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[1]).toMatchObject({ reason: 'disk-full' });
    expect(logger.info).toHaveBeenCalledWith('delivery resumed: notices claimed again', { failures: 2 });
  });

  it('gives each worker a different id by default', async () => {
    const clock = fixedClock(AT);
    const store = createMemoryStore();
    await queue(store, [
      { now: clock.now(), target: 'slack:C1', title: 'x' },
      { now: clock.now(), target: 'slack:C2', title: 'y' },
    ]);
    const one = aWorker({ store, slack: aDyingSender(), clock, claims: {} });
    void one.runOnce();
    await vi.waitFor(() => expect(Object.keys(store.read().deliveryClaims)).toHaveLength(2));
    const slack = createFakeSender();
    await queue(store, [{ now: clock.now(), target: 'slack:C3', title: 'z' }]);
    const two = aWorker({ store, slack, clock, claims: {} });
    expect(await two.runOnce()).toMatchObject({ delivered: 1 });
    expect(titlesOf(slack)).toEqual(['z']);
  });
});

describe('deliveryClaims in the data file', () => {
  const load = (file: unknown) =>
    loadState({ file: '/data/state.json', text: JSON.stringify(file), now: new Date(AT) }).state;

  it('loads a file written before claims existed with none', () => {
    const { deliveryClaims: _, ...older } = emptyState();
    expect(load(older).deliveryClaims).toEqual({});
  });

  it('comes back from the file store as the last write left it, lapsed claims dropped', async () => {
    const dataDir = await tempDir();
    const clock = fixedClock(AT);
    const first = await createFileStore({ dataDir, clock });
    await queue(first, [
      { now: clock.now(), target: 'slack:C1', title: 'x' },
      { now: clock.now(), target: 'slack:C2', title: 'y' },
    ]);
    await first.update((state) => {
      state.deliveryClaims['slack:C9'] = { by: 'gone', until: AT };
    });
    await aWorker({ store: first, slack: createFakeSender(), clock, claims: { workerId: 'a' } }).runOnce();
    // Released, each is free and keeps its send for Slack's second; the dead worker's lapsed claim is gone.
    const pacing = { sends: [AT], keepUntil: new Date(Date.parse(AT) + 1_000).toISOString() };
    const left = { 'slack:C1': { by: 'a', until: AT, pacing }, 'slack:C2': { by: 'a', until: AT, pacing } };
    expect(first.read().deliveryClaims).toEqual(left);
    await first.close();
    const again = await createFileStore({ dataDir, clock });
    try {
      expect(again.read().deliveryClaims).toEqual(left);
    } finally {
      await again.close();
    }
  });

  it('keeps the claims a file holds, and refuses one with no worker id', () => {
    const claim = { by: 'worker-1', until: AT };
    expect(load({ ...emptyState(), deliveryClaims: { 'slack:C1': claim } }).deliveryClaims).toEqual({
      'slack:C1': claim,
    });
    expect(() => load({ ...emptyState(), deliveryClaims: { 'slack:C1': { by: '', until: AT } } })).toThrow();
  });
});
