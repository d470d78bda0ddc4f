import { describe, expect, it } from 'vitest';
import { createHmacSigner } from '../../../src/adapters/security/hmac-signer.js';

const signer = createHmacSigner('signer-secret-0123456789abcdef');

describe('createHmacSigner', () => {
  it('verifies the tokens it signed', () => {
    expect(signer.verify(signer.sign({ k: 'export', i: 'jira' }))).toEqual({ k: 'export', i: 'jira' });
  });

  it('refuses another spelling of a valid signature: characters the decoder skips, or spare bits changed', () => {
    const token = signer.sign({ k: 'o365', n: 'nonce-1' });
    const [body, signature = ''] = token.split('.');
    const last = signature.slice(-1);
    // 32 bytes take 43 characters: the last one carries 2 spare bits, so its neighbour decodes the same.
    const sibling = String.fromCharCode(last.charCodeAt(0) ^ 1);
    for (const forged of [
      `${token}\u0000`,
      `${token}=`,
      `${token}!`,
      `${body}.${signature.slice(0, -1)}${sibling}`,
    ])
      expect(signer.verify(forged)).toBeNull();
  });

  it('refuses a token signed with another secret or with its payload changed', () => {
    const other = createHmacSigner('another-secret-0123456789abcdef').sign({ k: 'export' });
    expect(signer.verify(other)).toBeNull();
    const [, signature] = signer.sign({ k: 'export', by: 'console:max' }).split('.');
    const body = Buffer.from(JSON.stringify({ k: 'export', by: 'console:admin' })).toString('base64url');
    expect(signer.verify(`${body}.${signature}`)).toBeNull();
  });
});
