import type { CatalogEntry, OAuthSettings } from '../../domain/catalog.js';

/** An integration's OAuth client: its id, its catalog settings (and its secret, held by the adapter). */
export type OAuthTarget = Pick<CatalogEntry, 'id'> & { oauth: OAuthSettings };

/** Why a token exchange or a revocation failed, with the provider's words (never a token). */
export type OAuthFailure =
  /** The endpoint answered an OAuth error (4xx JSON `error`), such as `invalid_grant`. */
  | { ok: false; problem: 'refused'; error: string }
  /** The endpoint answered 5xx, another status, or a body that is not a conforming JSON answer. */
  | { ok: false; problem: 'bad-answer'; detail: string }
  /** No answer in time, or the connection failed. */
  | { ok: false; problem: 'unreachable'; detail: string };

/** The token response as kept (sealed) in the state. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  /** ISO time the access token expires, when the provider said. */
  expiresAt: string | null;
  scope: string | null;
}

/** OAuth 2.0 authorization code with PKCE (RFC 6749, 7636) and token revocation (RFC 7009). */
export interface OAuthClient {
  /** Names of the environment variables this integration's client still needs (empty: ready). */
  missing(target: OAuthTarget): string[];
  /** A fresh PKCE verifier and its S256 challenge. */
  pkce(): Promise<{ verifier: string; challenge: string }>;
  /** The provider's authorisation URL for this client, state and challenge. */
  authorizationUrl(input: {
    target: OAuthTarget;
    redirectUri: string;
    state: string;
    challenge: string;
  }): string;
  /** Exchanges the callback's code at the token endpoint with the PKCE verifier. */
  exchangeCode(input: {
    target: OAuthTarget;
    redirectUri: string;
    verifier: string;
    /** The callback's query parameters as received (`code`, `state`, …). */
    query: Record<string, string>;
  }): Promise<{ ok: true; tokens: TokenSet } | OAuthFailure>;
  /** Revokes a token at the revocation endpoint (the refresh token when there is one). */
  revoke(input: { target: OAuthTarget; tokens: TokenSet }): Promise<{ ok: true } | OAuthFailure>;
}
