import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StateSigner } from '../../application/ports/state-signer.js';

/** HMAC-SHA256 signed tokens: base64url(JSON payload) + '.' + base64url(signature). */
export function createHmacSigner(secret: string): StateSigner {
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    sign(payload) {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token) {
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return null;
      const given = Buffer.from(signature, 'base64url');
      // Node's decoder skips characters outside the alphabet and spare bits of the last one, so
      // only the one canonical spelling of the signature is accepted: a token is never malleable.
      if (given.toString('base64url') !== signature) return null;
      const wanted = mac(body);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
      try {
        const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
        return payload && typeof payload === 'object' && !Array.isArray(payload)
          ? (payload as Record<string, unknown>)
          : null;
      } catch {
        return null;
      }
    },
  };
}
