import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework puts in channel tokens. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenClaims {
  /** The bot's app id; a token for another app is refused. */
  audience: string;
  /** Must equal the activity's serviceUrl. */
  serviceUrl: string;
  /** Seconds from now until expiry; negative for an expired token. */
  expiresInS?: number;
  issuer?: string;
}

export interface FakeOpenId {
  /** The value for botbuilder's `BotOpenIdMetadata` setting. */
  metadataUrl: string;
  /** A signed `Bearer …` header value, as the Bot Framework sends to the bot. */
  bearer(claims: TokenClaims): string;
  close(): Promise<void>;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

function sign(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid, x5t: kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

/**
 * A local OpenID endpoint on 127.0.0.1 standing in for login.botframework.com: publishes the
 * openid configuration and the JWKS of a freshly generated RSA key, and signs channel tokens with it.
 */
export async function startFakeOpenId(
  options: { endorsements?: readonly string[] } = {},
): Promise<FakeOpenId> {
  // Bot Framework keys are endorsed for the channels that may use them; Azure's are shared by Teams,
  // Web Chat, Direct Line and the rest of one bot's channels.
  const endorsements = [...(options.endorsements ?? ['msteams'])];
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: BOT_FRAMEWORK_ISSUER,
          jwks_uri: `${base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    bearer: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (claims.expiresInS ?? 3600);
      const payload = {
        iss: claims.issuer ?? BOT_FRAMEWORK_ISSUER,
        aud: claims.audience,
        serviceurl: claims.serviceUrl,
        nbf: Math.min(now, exp) - 60,
        iat: Math.min(now, exp) - 60,
        exp,
      };
      return `Bearer ${sign(payload, privateKey, kid)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
