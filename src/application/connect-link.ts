import { z } from 'zod';
import type { CatalogEntry } from '../domain/catalog.js';
import { displayName } from '../domain/people.js';
import type { State } from '../domain/state.js';
import type { Deps, Settings } from './deps.js';
import type { ConnectFacts, ConnectStep } from './outcomes.js';
import type { OAuthTarget } from './ports/oauth-client.js';

/** How long an authorise link works: long enough to sign in at the provider, short enough to leak little. */
export const CONNECT_TTL_MS = 10 * 60 * 1000;

/** The one redirect URI every provider is registered with (under PUBLIC_URL). */
export const OAUTH_CALLBACK_PATH = '/oauth/callback';

export const redirectUriOf = (settings: Pick<Settings, 'publicUrl'>) =>
  `${settings.publicUrl}${OAUTH_CALLBACK_PATH}`;

/**
 * The signed `state` of an authorise link: the integration, a single-use nonce, its expiry, the admin
 * who asked, and the PKCE verifier sealed by the SecretBox (the browser sees the state, so the
 * verifier travels sealed and nothing about the attempt needs keeping in the store).
 */
export const ConnectState = z.object({
  k: z.literal('oauth'),
  i: z.string().min(1),
  n: z.string().min(1),
  exp: z.number(),
  by: z.string().min(1),
  v: z.string().min(1),
});
export type ConnectState = z.infer<typeof ConnectState>;

/** The entry as an OAuth client target, or null when it has no connect step. */
export function oauthTargetOf(entry: CatalogEntry): OAuthTarget | null {
  return entry.oauth ? { id: entry.id, oauth: entry.oauth } : null;
}

/** Where an integration's connection stands; only an entry with `oauth` and a stored token is "connected". */
export function connectFactsOf(
  deps: Pick<Deps, 'oauth'>,
  state: Readonly<State>,
  entry: CatalogEntry,
): ConnectFacts {
  const target = oauthTargetOf(entry);
  if (!target) return { status: 'none' };
  const connection = state.connections[entry.id];
  if (connection)
    return {
      status: 'connected',
      by: displayName(state, connection.connectedBy),
      at: connection.connectedAt,
    };
  const missing = deps.oauth.missing(target);
  return missing.length ? { status: 'not-configured', missing } : { status: 'not-connected' };
}

/**
 * A single-use authorise link for `actorId` (expires in CONNECT_TTL_MS): the provider's authorisation
 * URL with a fresh PKCE S256 challenge and a signed state carrying the sealed verifier.
 */
export async function authoriseLink(
  deps: Pick<Deps, 'oauth' | 'box' | 'signer' | 'ids' | 'settings'>,
  input: { target: OAuthTarget; actorId: string; now: Date },
): Promise<{ url: string; expiresAt: string }> {
  const { verifier, challenge } = await deps.oauth.pkce();
  const exp = input.now.getTime() + CONNECT_TTL_MS;
  const payload: ConnectState = {
    k: 'oauth',
    i: input.target.id,
    n: deps.ids.random(16),
    exp,
    by: input.actorId,
    v: deps.box.seal(verifier),
  };
  const url = deps.oauth.authorizationUrl({
    target: input.target,
    redirectUri: redirectUriOf(deps.settings),
    state: deps.signer.sign(payload),
    challenge,
  });
  return { url, expiresAt: new Date(exp).toISOString() };
}

/** After an admin turned an integration on: its connection, with an authorise link when one is due. */
export async function connectStepAfterEnable(
  deps: Pick<Deps, 'oauth' | 'box' | 'signer' | 'ids' | 'settings' | 'store'>,
  input: { entry: CatalogEntry; actorId: string; now: Date },
): Promise<ConnectStep> {
  const facts = connectFactsOf(deps, deps.store.read(), input.entry);
  const target = oauthTargetOf(input.entry);
  if (facts.status !== 'not-connected' || !target) return facts;
  const link = await authoriseLink(deps, { target, actorId: input.actorId, now: input.now });
  return { ...facts, authorizeUrl: link.url };
}
