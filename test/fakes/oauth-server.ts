import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the token or revocation endpoint misbehaves, until cleared (`failures.delete`). */
export type OAuthFailureMode = 'token-400' | 'token-500' | 'token-not-json' | 'token-silent' | 'revoke-500';

export interface RevokeCall {
  token: string;
  hint: string | null;
  clientId: string | null;
}

export interface FakeOAuthServer {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Every access and refresh token issued, to look for them where they must never be. */
  issued: string[];
  /** Revocation requests received, in order. */
  revoked: RevokeCall[];
  /** Token requests received, with whether they passed every check. */
  tokenRequests: { ok: boolean; why: string }[];
  /** Failures switched on; the authorize endpoint denies consent while `deny` is set. */
  failures: Set<OAuthFailureMode>;
  deny: boolean;
  close(): Promise<void>;
}

interface Grant {
  challenge: string;
  method: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  used: boolean;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const token = (prefix: string) => `${prefix}-${randomBytes(18).toString('base64url')}`;

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Client credentials from the body (client_secret_post) or an `Authorization: Basic` header. */
function credentialsOf(
  req: IncomingMessage,
  form: URLSearchParams,
): { id: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

const plain = (res: ServerResponse, status: number, body = '') => {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * A local OAuth 2.0 provider on 127.0.0.1: `/authorize` redirects back with a code (or
 * `error=access_denied` while `deny` is set), `/token` checks the client's credentials, the code,
 * its redirect URI and the PKCE verifier against the S256 challenge before issuing tokens, and
 * `/revoke` records what it is asked to revoke. `failures` makes either endpoint fail.
 */
export async function startFakeOAuthServer(client: { id: string; secret: string }): Promise<FakeOAuthServer> {
  const grants = new Map<string, Grant>();
  const silent: ServerResponse[] = [];
  const fake = {
    issued: [] as string[],
    revoked: [] as RevokeCall[],
    tokenRequests: [] as { ok: boolean; why: string }[],
    failures: new Set<OAuthFailureMode>(),
    deny: false,
  };
  const authorize = (url: URL, res: ServerResponse) => {
    const q = url.searchParams;
    const back = new URL(q.get('redirect_uri') ?? 'http://invalid.test/');
    back.searchParams.set('state', q.get('state') ?? '');
    if (fake.deny) back.searchParams.set('error', 'access_denied');
    else {
      const code = token('code');
      grants.set(code, {
        challenge: q.get('code_challenge') ?? '',
        method: q.get('code_challenge_method') ?? '',
        clientId: q.get('client_id') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        scope: q.get('scope') ?? '',
        used: false,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href });
    res.end();
  };
  const exchange = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await formOf(req);
    if (fake.failures.has('token-silent')) {
      silent.push(res);
      return;
    }
    if (fake.failures.has('token-500')) return plain(res, 500, 'upstream exploded');
    if (fake.failures.has('token-not-json')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>sign-in page</html>');
    }
    const creds = credentialsOf(req, form);
    const grant = grants.get(form.get('code') ?? '');
    const why =
      form.get('grant_type') !== 'authorization_code'
        ? 'grant_type'
        : creds.id !== client.id || creds.secret !== client.secret
          ? 'client credentials'
          : !grant || grant.used
            ? 'code'
            : grant.clientId !== client.id || grant.redirectUri !== form.get('redirect_uri')
              ? 'redirect_uri'
              : grant.method !== 'S256' || s256(form.get('code_verifier') ?? '') !== grant.challenge
                ? 'code_verifier'
                : fake.failures.has('token-400')
                  ? 'switched off'
                  : '';
    fake.tokenRequests.push({ ok: why === '', why: why || 'ok' });
    if (why) return json(res, 400, { error: 'invalid_grant', error_description: `bad ${why}` });
    if (grant) grant.used = true;
    const access = token('access');
    const refresh = token('refresh');
    fake.issued.push(access, refresh);
    json(res, 200, {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: grant?.scope ?? '',
    });
  };
  const revoke = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await formOf(req);
    const creds = credentialsOf(req, form);
    fake.revoked.push({
      token: form.get('token') ?? '',
      hint: form.get('token_type_hint'),
      clientId: creds.id,
    });
    if (fake.failures.has('revoke-500')) return plain(res, 500, 'revocation is down');
    if (creds.id !== client.id || creds.secret !== client.secret)
      return json(res, 401, { error: 'invalid_client' });
    plain(res, 200);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return void exchange(req, res);
    if (req.method === 'POST' && url.pathname === '/revoke') return void revoke(req, res);
    plain(res, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: base,
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    revokeUrl: `${base}/revoke`,
    close: async () => {
      for (const res of silent) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
