import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/adapters/security/secret-box.js';

describe('createSecretBox', () => {
  const box = createSecretBox('state-secret-0123456789abcdef');

  it('opens what it sealed, and seals the same text differently each time (fresh IV)', () => {
    const sealed = box.seal('{"accessToken":"AT-1"}');
    expect(sealed).toMatch(/^v1\.[\w-]+$/);
    expect(sealed).not.toContain('AT-1');
    expect(box.seal('{"accessToken":"AT-1"}')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('{"accessToken":"AT-1"}');
  });

  it('opens nothing sealed with another secret, altered, truncated or of another version', () => {
    const sealed = box.seal('token');
    const body = sealed.slice(3);
    const flipped = `v1.${body.slice(0, 10)}${body[10] === 'A' ? 'B' : 'A'}${body.slice(11)}`;
    expect(createSecretBox('another-secret-0123456789').open(sealed)).toBeNull();
    expect(box.open(flipped)).toBeNull();
    expect(box.open(sealed.slice(0, 20))).toBeNull();
    expect(box.open(`v2.${body}`)).toBeNull();
    expect(box.open(`${sealed}.x`)).toBeNull();
    expect(box.open('')).toBeNull();
  });
});
