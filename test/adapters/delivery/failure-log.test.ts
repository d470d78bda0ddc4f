import { describe, expect, it } from 'vitest';
import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import { describeError } from '../../../src/application/describe-error.js';
import { queueNotice } from '../../../src/application/outbox.js';
import type { Logger } from '../../../src/application/ports/logger.js';
import { message } from '../../../src/application/views/format.js';
import { MAX_ATTEMPTS } from '../../../src/domain/notice.js';
import { fixedClock } from '../../fakes/clock.js';
import { createDiskStore } from '../../fakes/deadline-store.js';
import { createFakeSender } from './fake-sender.js';

const T0 = '2026-03-01T09:00:00.000Z';

function recordingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (m: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, message: m, fields });
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines, warnings: () => lines.filter((l) => l.level !== 'info') };
}

async function setup(answers: NonNullable<Parameters<typeof createFakeSender>[0]>['answers']) {
  const store = createDiskStore();
  const clock = fixedClock(T0);
  const slack = createFakeSender({ answers });
  const log = recordingLogger();
  await store.update((state) => {
    queueNotice(state, {
      now: new Date(T0),
      target: 'slack:C1',
      view: message('info', 'hello'),
      cardKey: null,
      mode: 'post',
    });
  });
  const worker = createDeliveryWorker({
    store,
    senders: { slack },
    clock,
    logger: log.logger,
    onGone: async () => {},
    sleep: async (ms) => clock.advance(ms),
  });
  return { clock, worker, log };
}

describe('delivery failure log lines', () => {
  it('logs each failed attempt once, with platform, target kind, reason and what happens next', async () => {
    const { clock, worker, log } = await setup([
      { ok: false, kind: 'failed', detail: 'HTTP 500' },
      { ok: false, kind: 'rate-limited', retryAfterMs: 2_000, detail: 'ratelimited (retry after 2 s)' },
    ]);
    await worker.runOnce();
    await worker.runOnce();
    expect(log.warnings()).toHaveLength(1);
    clock.advance(60_000);
    // The 429's short Retry-After is waited out within this run, which then delivers.
    const report = await worker.runOnce();
    expect(report.delivered).toBe(1);
    expect(log.warnings().map((l) => [l.message, l.fields.platform, l.fields.targetKind])).toEqual([
      ['delivery attempt failed', 'slack', 'conversation'],
      ['delivery attempt failed', 'slack', 'conversation'],
    ]);
    expect(log.warnings()[0]?.fields).toMatchObject({
      reason: 'HTTP 500',
      decision: expect.stringMatching(/^retry after 2026-/),
    });
    expect(log.warnings()[1]?.fields.reason).toMatch(/ratelimited/);
  });

  it('says when it gives up, and keeps tokens out of the line', async () => {
    const detail = 'invalid_auth for xoxb-1234-5678-abcdef with Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl';
    const { clock, worker, log } = await setup(
      Array.from({ length: MAX_ATTEMPTS }, () => ({ ok: false, kind: 'failed', detail }) as const),
    );
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await worker.runOnce();
      clock.advance(24 * 3_600_000);
    }
    const lines = log.warnings();
    expect(lines).toHaveLength(MAX_ATTEMPTS);
    expect(lines.at(-1)?.fields.decision).toBe('given up');
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-|eyJ|Bearer e/);
  });
});

describe('describeError', () => {
  it('names the causes a generic message hides', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const error = new Error('A request error occurred: fetch failed', {
      cause: new TypeError('fetch failed', { cause: reset }),
    });
    expect(describeError(error)).toBe(
      'A request error occurred: fetch failed (UND_ERR_SOCKET: other side closed)',
    );
    expect(describeError('plain')).toBe('plain');
    expect(describeError(null)).toBe('unknown error');
    expect(describeError(new Error('x'.repeat(1000))).length).toBe(300);
  });
});
