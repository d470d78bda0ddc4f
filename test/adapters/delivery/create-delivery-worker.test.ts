import { describe, expect, it, vi } from 'vitest';
import { createDeliveryWorker, MAX_GIVEN_UP } from '../../../src/adapters/delivery/index.js';
import { queueNotice } from '../../../src/application/outbox.js';
import { message } from '../../../src/application/views/format.js';
import { backoffMs, MAX_ATTEMPTS } from '../../../src/domain/notice.js';
import { fixedClock } from '../../fakes/clock.js';
import { createDiskStore, type DiskStore } from '../../fakes/deadline-store.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { createFakeSender, type FakeSender } from './fake-sender.js';

const T0 = '2026-03-01T09:00:00.000Z';
const CHANNEL = 'slack:C1';

async function queue(
  store: DiskStore,
  input: { target?: string; text?: string; cardKey?: string; at?: string; mode?: 'post' | 'update' },
) {
  await store.update((state) => {
    queueNotice(state, {
      now: new Date(input.at ?? T0),
      target: input.target ?? CHANNEL,
      view: message('info', input.text ?? 'hello'),
      cardKey: input.cardKey ?? null,
      mode: input.mode ?? 'post',
    });
  });
}

function setup(options: { slack?: FakeSender; at?: string; disk?: string } = {}) {
  const store = createDiskStore(options.disk);
  const clock = fixedClock(options.at ?? T0);
  const slack = options.slack ?? createFakeSender();
  const onGone = vi.fn(async (_: { conversationId: string; reason: string }) => {});
  const worker = createDeliveryWorker({
    store,
    senders: { slack },
    clock,
    logger: silentLogger,
    onGone,
    sleep: async (ms) => clock.advance(ms),
  });
  return { store, clock, slack, onGone, worker };
}

describe('createDeliveryWorker', () => {
  it('sends a due notice once and removes it from the outbox', async () => {
    const { store, slack, worker } = setup();
    await queue(store, { text: 'one' });
    const report = await worker.runOnce();
    expect(report).toMatchObject({ attempted: 1, delivered: 1, givenUp: 0, nextDueAt: null });
    expect(slack.sent.map((m) => [m.kind, m.target, m.view])).toEqual([
      ['post', CHANNEL, message('info', 'one')],
    ]);
    expect(store.read().outbox).toEqual([]);
    await worker.runOnce();
    expect(slack.sent).toHaveLength(1);
  });

  it('leaves a notice that is not due yet', async () => {
    const { store, slack, worker } = setup();
    await queue(store, { at: '2026-03-01T09:00:05.000Z' });
    const report = await worker.runOnce();
    expect(slack.calls).toBe(0);
    expect(report.nextDueAt).toBe('2026-03-01T09:00:05.000Z');
  });

  it('remembers where a card was posted and updates that copy later', async () => {
    const { store, slack, worker, clock } = setup();
    await queue(store, { cardKey: 'request:r1', text: 'open' });
    await worker.runOnce();
    expect(store.read().postedCards['request:r1']).toEqual([{ target: CHANNEL, messageId: 'm1' }]);
    clock.advance(5_000);
    await queue(store, {
      cardKey: 'request:r1',
      text: 'approved',
      mode: 'update',
      at: clock.now().toISOString(),
    });
    await worker.runOnce();
    expect(slack.sent.at(-1)).toMatchObject({
      kind: 'update',
      messageId: 'm1',
      view: message('info', 'approved'),
    });
    expect(store.read().postedCards['request:r1']).toHaveLength(1);
  });

  it('posts instead when an update has no posted copy to replace', async () => {
    const { store, slack, worker } = setup();
    await queue(store, { cardKey: 'request:r9', mode: 'update' });
    await worker.runOnce();
    expect(slack.sent.map((m) => m.kind)).toEqual(['post']);
  });

  it('waits out a short Retry-After within the run without counting a failure, then sends', async () => {
    const slack = createFakeSender({
      answers: [{ ok: false, kind: 'rate-limited', retryAfterMs: 3_000, detail: '429' }],
    });
    const { store, worker, clock } = setup({ slack });
    await queue(store, {});
    const report = await worker.runOnce();
    expect(report.lines.map((l) => l.result)).toEqual(['retry', 'delivered']);
    expect(report.lines[0]?.detail).toBe('rate limited: 429');
    expect(slack.calls).toBe(2);
    expect(slack.sent).toHaveLength(1);
    expect(clock.now().toISOString()).toBe('2026-03-01T09:00:03.000Z');
    expect(store.read().outbox).toEqual([]);
  });

  it('leaves a long Retry-After to a later run, without counting a failure', async () => {
    const slack = createFakeSender({
      answers: [{ ok: false, kind: 'rate-limited', retryAfterMs: 60_000, detail: '429' }],
    });
    const { store, worker, clock } = setup({ slack });
    await queue(store, {});
    await worker.runOnce();
    expect(store.read().outbox[0]).toMatchObject({
      state: 'queued',
      attempts: 0,
      notBefore: '2026-03-01T09:01:00.000Z',
    });
    clock.advance(59_000);
    await worker.runOnce();
    expect(slack.calls).toBe(1);
    clock.advance(1_000);
    await worker.runOnce();
    expect(slack.sent).toHaveLength(1);
    expect(store.read().outbox).toEqual([]);
  });

  it('gives up on a conversation the bot was removed from, with every notice queued for it, and reports it once', async () => {
    const slack = createFakeSender({ answers: [{ ok: false, kind: 'gone', detail: 'channel_not_found' }] });
    const { store, worker, onGone } = setup({ slack });
    await queue(store, { text: 'a' });
    await queue(store, { text: 'b' });
    await queue(store, { target: 'slack:C2', text: 'c' });
    await worker.runOnce();
    const outbox = store.read().outbox;
    expect(outbox.map((n) => [n.target, n.state, n.lastError])).toEqual([
      [CHANNEL, 'given-up', 'conversation gone: channel_not_found'],
      [CHANNEL, 'given-up', 'conversation gone: channel_not_found'],
    ]);
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(onGone).toHaveBeenCalledWith({ conversationId: CHANNEL, reason: 'channel_not_found' });
    expect(slack.sent.map((m) => m.target)).toEqual(['slack:C2']);
  });

  it('does not report a person as a gone conversation', async () => {
    const slack = createFakeSender({ answers: [{ ok: false, kind: 'gone', detail: 'user_not_found' }] });
    const { store, worker, onGone } = setup({ slack });
    await store.update((s) => {
      s.people['slack:U1'] = { id: 'slack:U1', name: 'Ada', role: 'system-admin', since: T0 };
    });
    await queue(store, { target: 'slack:U1' });
    await worker.runOnce();
    expect(store.read().outbox[0]?.state).toBe('given-up');
    expect(onGone).not.toHaveBeenCalled();
  });

  it('retries failures with exponential backoff and gives up after the cap with the last error', async () => {
    const failures = Array.from({ length: MAX_ATTEMPTS }, () => ({
      ok: false as const,
      kind: 'failed' as const,
      detail: '500 oops',
    }));
    const slack = createFakeSender({ answers: failures });
    const { store, worker, clock } = setup({ slack });
    await queue(store, {});
    await worker.runOnce();
    expect(store.read().outbox[0]).toMatchObject({
      attempts: 1,
      lastError: '500 oops',
      notBefore: '2026-03-01T09:00:02.000Z',
    });
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      clock.advance(backoffMs(attempt) - 1);
      await worker.runOnce();
      expect(slack.calls).toBe(attempt);
      clock.advance(1);
      await worker.runOnce();
    }
    expect(slack.calls).toBe(MAX_ATTEMPTS);
    expect(store.read().outbox[0]).toMatchObject({
      state: 'given-up',
      lastError: `gave up after ${MAX_ATTEMPTS} attempts: 500 oops`,
    });
    clock.advance(3_600_000);
    await worker.runOnce();
    expect(slack.calls).toBe(MAX_ATTEMPTS);
  });

  it('treats a sender that throws as a failed attempt', async () => {
    const slack = createFakeSender({ answers: [new Error('socket hang up')] });
    const { store, worker } = setup({ slack });
    await queue(store, {});
    await expect(worker.runOnce()).resolves.toMatchObject({ retried: 1 });
    expect(store.read().outbox[0]).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'socket hang up',
    });
  });

  it('gives up at once on a fatal answer', async () => {
    const slack = createFakeSender({ answers: [{ ok: false, kind: 'fatal', detail: 'invalid_blocks' }] });
    const { store, worker } = setup({ slack });
    await queue(store, {});
    await worker.runOnce();
    expect(store.read().outbox[0]).toMatchObject({ state: 'given-up', lastError: 'invalid_blocks' });
  });

  it('gives up on a notice for a platform with no sender', async () => {
    const { store, worker } = setup();
    await queue(store, { target: 'teams:19:abc' });
    await worker.runOnce();
    expect(store.read().outbox[0]).toMatchObject({ state: 'given-up', lastError: 'no sender for teams' });
  });

  it(`keeps only the latest ${MAX_GIVEN_UP} given-up notices`, async () => {
    const { store, worker } = setup();
    for (let i = 0; i < MAX_GIVEN_UP + 5; i++) await queue(store, { target: `teams:c${i}` });
    await worker.runOnce();
    const outbox = store.read().outbox;
    expect(outbox).toHaveLength(MAX_GIVEN_UP);
    expect(outbox[0]?.target).toBe('teams:c5');
  });

  it('saves each outcome in a store update of its own, so a crash loses only those in flight', async () => {
    const { store, worker } = setup();
    for (let i = 0; i < 20; i++) await queue(store, { target: `slack:C${i}` });
    const before = store.writes();
    await worker.runOnce();
    // One per outcome, and one at the end of the run that drops the sent notices.
    expect(store.writes() - before).toBe(21);
    expect(store.read().outbox).toEqual([]);
  });

  it('sends a card that changed while it was on its way again, as an update of the posted copy', async () => {
    const slack = createFakeSender();
    const { store, worker } = setup({ slack });
    await queue(store, { cardKey: 'request:r1', text: 'open' });
    const post = slack.post;
    slack.post = async (input) => {
      await store.update((s) => {
        const n = s.outbox[0];
        if (n) n.view = message('info', 'approved') as unknown as Record<string, unknown>;
      });
      return post(input);
    };
    await worker.runOnce();
    expect(store.read().outbox[0]).toMatchObject({ mode: 'update', state: 'queued' });
    await worker.runOnce();
    expect(slack.sent.map((m) => [m.kind, m.view])).toEqual([
      ['post', message('info', 'open')],
      ['update', message('info', 'approved')],
    ]);
    expect(store.read().outbox).toEqual([]);
  });
});
