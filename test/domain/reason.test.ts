import { describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH } from '../../src/domain/limits.js';
import { parseReason, Reason } from '../../src/domain/reason.js';

describe('the reason rule', () => {
  it('trims a reason and keeps one of exactly the longest length', () => {
    expect(parseReason('  bugs  ')).toEqual({ ok: true, reason: 'bugs' });
    const longest = 'x'.repeat(MAX_REASON_LENGTH);
    expect(parseReason(` ${longest} `)).toEqual({ ok: true, reason: longest });
  });

  it('refuses a missing, blank or non-text reason as required', () => {
    for (const text of [undefined, null, '', '   ', 42]) {
      expect(parseReason(text), String(text)).toEqual({ ok: false, problem: 'reason-required' });
    }
  });

  it('refuses one character too many', () => {
    expect(parseReason('x'.repeat(MAX_REASON_LENGTH + 1))).toEqual({ ok: false, problem: 'reason-too-long' });
  });

  it('lets an optional reason be absent or blank, but not too long', () => {
    expect(parseReason(null, { optional: true })).toEqual({ ok: true, reason: null });
    expect(parseReason('  ', { optional: true })).toEqual({ ok: true, reason: null });
    expect(parseReason('x'.repeat(MAX_REASON_LENGTH + 1), { optional: true })).toEqual({
      ok: false,
      problem: 'reason-too-long',
    });
  });

  it('gives its problem codes as the schema issue messages, for schemas that embed it', () => {
    expect(Reason.safeParse('').error?.issues[0]?.message).toBe('reason-required');
  });
});
