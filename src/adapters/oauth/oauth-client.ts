import * as oauth from 'oauth4webapi';
import type {
  OAuthClient,
  OAuthFailure,
  OAuthTarget,
  TokenSet,
} from '../../application/ports/oauth-client.js';
import { isLoopbackHost } from '../../domain/catalog.js';

/** How long a token or revocation endpoint may take before the attempt counts as unreachable. */
export const OAUTH_TIMEOUT_MS = 10_000;

/**
 * The OAuth client on oauth4webapi, which does for us: the PKCE verifier and its S256 challenge, the
 * authorization response check (state, `iss`), the code exchange request (client authentication,
 * `code_verifier`, `redirect_uri`) and the check of its answer (status, JSON, `access_token`,
 * `token_type`, OAuth error bodies), and the RFC 7009 revocation request and its answer. What is
 * ours: the authorisation URL (a plain URL with the standard parameters, which the library leaves
 * to its caller), the client credentials read from the environment variables the catalog names, the
 * timeout, and turning its errors into failures that carry no token.
 */
export function createOAuthClient(input: {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
}): OAuthClient {
  const timeoutMs = input.timeoutMs ?? OAUTH_TIMEOUT_MS;
  const secretOf = (name: string) => input.env[name]?.trim() || null;
  const clientOf = (target: OAuthTarget) => {
    const clientId = secretOf(target.oauth.clientIdEnv);
    const clientSecret = secretOf(target.oauth.clientSecretEnv);
    if (!clientId || !clientSecret) throw new Error(`the OAuth client of ${target.id} is not configured`);
    return { client: { client_id: clientId }, auth: oauth.ClientSecretPost(clientSecret) };
  };
  return {
    missing: (target) =>
      [target.oauth.clientIdEnv, target.oauth.clientSecretEnv].filter((name) => !secretOf(name)),
    async pkce() {
      const verifier = oauth.generateRandomCodeVerifier();
      return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
    },
    authorizationUrl({ target, redirectUri, state, challenge }) {
      const url = new URL(target.oauth.authorizeUrl);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', clientOf(target).client.client_id);
      url.searchParams.set('redirect_uri', redirectUri);
      if (target.oauth.scopes.length) url.searchParams.set('scope', target.oauth.scopes.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', challenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.href;
    },
    async exchangeCode({ target, redirectUri, verifier, query }) {
      const as = serverOf(target);
      const { client, auth } = clientOf(target);
      try {
        // The state was checked by the caller (signature, expiry, single use) before this call.
        const params = oauth.validateAuthResponse(
          as,
          client,
          new URLSearchParams(query),
          oauth.skipStateCheck,
        );
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          auth,
          params,
          redirectUri,
          verifier,
          requestOptions(target.oauth.tokenUrl, timeoutMs),
        );
        return {
          ok: true,
          tokens: tokenSetOf(await oauth.processAuthorizationCodeResponse(as, client, response)),
        };
      } catch (error) {
        return failureOf(error, timeoutMs);
      }
    },
    async revoke({ target, tokens }) {
      const revokeUrl = target.oauth.revokeUrl;
      if (!revokeUrl) return { ok: false, problem: 'bad-answer', detail: 'no revocation endpoint' };
      const { client, auth } = clientOf(target);
      const token = tokens.refreshToken ?? tokens.accessToken;
      try {
        const response = await oauth.revocationRequest(serverOf(target), client, auth, token, {
          ...requestOptions(revokeUrl, timeoutMs),
          additionalParameters: { token_type_hint: tokens.refreshToken ? 'refresh_token' : 'access_token' },
        });
        await oauth.processRevocationResponse(response);
        return { ok: true };
      } catch (error) {
        return failureOf(error, timeoutMs);
      }
    },
  };
}

/** The provider as oauth4webapi describes it; its issuer is the authorisation endpoint's origin. */
function serverOf(target: OAuthTarget): oauth.AuthorizationServer {
  return {
    issuer: new URL(target.oauth.authorizeUrl).origin,
    authorization_endpoint: target.oauth.authorizeUrl,
    token_endpoint: target.oauth.tokenUrl,
    ...(target.oauth.revokeUrl ? { revocation_endpoint: target.oauth.revokeUrl } : {}),
  };
}

/**
 * The request options for one endpoint. oauth4webapi refuses plain http unless told otherwise; we tell
 * it so only for a loopback host (a test server on this machine). The catalog already refuses any
 * other http endpoint, and this check stands even if an entry slipped past it.
 */
function requestOptions(endpoint: string, timeoutMs: number) {
  const url = new URL(endpoint);
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  return { signal: AbortSignal.timeout(timeoutMs), [oauth.allowInsecureRequests]: loopbackHttp };
}

function tokenSetOf(response: oauth.TokenEndpointResponse): TokenSet {
  const expiresIn = typeof response.expires_in === 'number' ? response.expires_in : null;
  return {
    accessToken: response.access_token,
    refreshToken: typeof response.refresh_token === 'string' ? response.refresh_token : null,
    tokenType: String(response.token_type),
    expiresAt: expiresIn === null ? null : new Date(Date.now() + expiresIn * 1000).toISOString(),
    scope: typeof response.scope === 'string' ? response.scope : null,
  };
}

/** A provider's error code as we may repeat it: printable, short; anything else is not quoted. */
const shownCode = (code: unknown) =>
  typeof code === 'string' && /^[\x20-\x7e]{1,100}$/.test(code) ? code : 'an error';

const PROBLEM_OF_CODE: Record<string, string> = {
  [oauth.RESPONSE_IS_NOT_JSON]: 'its answer is not JSON',
  [oauth.RESPONSE_IS_NOT_CONFORM]: 'unexpected HTTP status',
  [oauth.INVALID_RESPONSE]: 'its answer is not a token response',
};

/** Why a call failed, without the response body (it might hold a token) nor a stack. */
function failureOf(error: unknown, timeoutMs: number): OAuthFailure {
  if (error instanceof oauth.ResponseBodyError) {
    return error.status >= 500
      ? { ok: false, problem: 'bad-answer', detail: `HTTP ${error.status} ${shownCode(error.error)}` }
      : { ok: false, problem: 'refused', error: shownCode(error.error) };
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError)
    return { ok: false, problem: 'refused', error: `unauthorized (HTTP ${error.status})` };
  if ((error as { code?: unknown } | null)?.code === oauth.HTTP_REQUEST_FORBIDDEN)
    return { ok: false, problem: 'unreachable', detail: 'plain http is allowed to loopback hosts only' };
  if (error instanceof oauth.OperationProcessingError) {
    const status = error.cause instanceof Response ? `HTTP ${error.cause.status}: ` : '';
    return {
      ok: false,
      problem: 'bad-answer',
      detail: `${status}${PROBLEM_OF_CODE[error.code ?? ''] ?? 'invalid answer'}`,
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return {
      ok: false,
      problem: 'unreachable',
      detail: `no answer within ${Math.round(timeoutMs / 100) / 10} s`,
    };
  return { ok: false, problem: 'unreachable', detail: 'the connection failed' };
}
