import { describe, expect, it, vi } from 'vitest';
import { createMemorySendPacing, laterSender } from '../../../src/adapters/delivery/index.js';
import { message } from '../../../src/application/views/format.js';
import { createFakeSender, SLACK_LIMITS, TEAMS_LIMITS } from './fake-sender.js';

const view = message('info', 'hello');

describe('laterSender', () => {
  it('loads its client on first use, once, and sends through it', async () => {
    const inner = createFakeSender();
    const load = vi.fn(async () => inner);
    const sender = laterSender({ limits: SLACK_LIMITS, load });
    expect(load).not.toHaveBeenCalled();
    expect(sender.limits).toBe(SLACK_LIMITS);
    await Promise.all([sender.post({ target: 'slack:C1', view }), sender.post({ target: 'slack:C2', view })]);
    await sender.update({ target: 'slack:C1', messageId: 'm1', view });
    expect(load).toHaveBeenCalledTimes(1);
    expect(inner.sent.map((m) => [m.kind, m.target])).toEqual([
      ['post', 'slack:C1'],
      ['post', 'slack:C2'],
      ['update', 'slack:C1'],
    ]);
  });

  it('answers fatal with the reason when its client cannot load, never throwing', async () => {
    const sender = laterSender({
      limits: TEAMS_LIMITS,
      load: async () => {
        throw new Error('Cannot find module botbuilder');
      },
    });
    await expect(sender.ready?.()).resolves.toBeDefined();
    expect(await sender.post({ target: 'teams:19:a', view })).toEqual({
      ok: false,
      kind: 'fatal',
      detail: 'could not load the sender: Cannot find module botbuilder',
    });
  });
});

describe('createMemorySendPacing', () => {
  const limits = SLACK_LIMITS;

  it('holds a taken slot until done, then paces from the answer', async () => {
    const pacing = createMemorySendPacing();
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 0, holdMs: 60_000 })).toBe(0);
    // Held: a second taker is told to come back when the hold ends.
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 10, holdMs: 60_000 })).toBe(60_000);
    expect(await pacing.take({ target: 'slack:C2', limits, nowMs: 10, holdMs: 60_000 })).toBe(10);
    await pacing.done({ target: 'slack:C1', limits, answeredAtMs: 400 });
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 1_000, holdMs: 60_000 })).toBe(1_400);
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 1_400, holdMs: 60_000 })).toBe(1_400);
  });

  it('releases a slot nothing was sent in without counting it', async () => {
    const pacing = createMemorySendPacing();
    await pacing.take({ target: 'slack:C1', limits, nowMs: 0, holdMs: 60_000 });
    await pacing.done({ target: 'slack:C1', limits, answeredAtMs: null });
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 5, holdMs: 60_000 })).toBe(5);
  });

  it('keeps a conversation refused with Retry-After back until then, without counting the refused send', async () => {
    const pacing = createMemorySendPacing();
    await pacing.take({ target: 'teams:19:a', limits: TEAMS_LIMITS, nowMs: 0, holdMs: 60_000 });
    await pacing.done({ target: 'teams:19:a', limits: TEAMS_LIMITS, answeredAtMs: 100, retryAfterMs: 2_000 });
    expect(
      await pacing.take({ target: 'teams:19:a', limits: TEAMS_LIMITS, nowMs: 200, holdMs: 60_000 }),
    ).toBe(2_100);
    expect(
      await pacing.take({ target: 'teams:19:a', limits: TEAMS_LIMITS, nowMs: 2_100, holdMs: 60_000 }),
    ).toBe(2_100);
  });

  it('lets a hold lapse when its holder never answers', async () => {
    const pacing = createMemorySendPacing();
    await pacing.take({ target: 'slack:C1', limits, nowMs: 0, holdMs: 5_000 });
    expect(await pacing.take({ target: 'slack:C1', limits, nowMs: 5_000, holdMs: 5_000 })).toBe(5_000);
  });
});
