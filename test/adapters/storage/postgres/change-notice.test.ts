import { describe, expect, it } from 'vitest';
import {
  lastOfNotice,
  noticeParts,
  parseNotice,
} from '../../../../src/adapters/storage/postgres/change-notice.js';

const part = (rows: unknown[][]) => ({
  top: 'requests',
  rows: JSON.stringify(rows),
  deletes: ['r0'],
  keepOnly: null,
});

describe('change notices', () => {
  it('carries the rows a write wrote, and where it follows on and ends, in the NOTIFY and the kept copy alike', () => {
    const { before, after, notified } = noticeParts({ afterSeq: 41, writes: [part([['r1', { id: 'r1' }]])] });

    expect(notified).toBe(after);
    expect(parseNotice(`${before}45${notified}`)).toEqual({
      after: 41,
      last: 45,
      parts: [{ t: 'requests', u: [['r1', { id: 'r1' }]], d: ['r0'], k: null }],
    });
  });

  it('leaves the rows of a write too large for a NOTIFY to the kept copy', () => {
    const big = Array.from({ length: 40 }, (_, i) => [`r${i}`, { reason: 'x'.repeat(400) }]);
    const { before, after, notified } = noticeParts({ afterSeq: 7, writes: [part(big)] });

    expect(Buffer.byteLength(`${before}99999999999999999999${notified}`)).toBeLessThan(8000);
    expect(parseNotice(`${before}9${notified}`)).toEqual({ after: 7, last: 9, parts: null });
    expect(parseNotice(`${before}9${after}`)?.parts?.[0]?.u).toHaveLength(40);
  });

  it('reads the last change number from the head of a notice, or from an older writer’s bare number', () => {
    expect(lastOfNotice('{"a":12,"l":15,"w":[]}')).toBe(15);
    expect(lastOfNotice('42')).toBe(42);
    expect(parseNotice('42')).toEqual({ after: null, last: 42, parts: null });
    expect(lastOfNotice('something else')).toBeNull();
    expect(parseNotice('something else')).toBeNull();
  });
});
