import { z } from 'zod';
import { isSystemAdmin } from '../../domain/people.js';
import { refreshIntegrationCard } from '../admin-card.js';
import { ConnectState, oauthTargetOf, redirectUriOf } from '../connect-link.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { ConnectDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type ConnectOutcome = Outcome<
  ConnectDone,
  | 'callback-malformed'
  | 'link-invalid'
  | 'link-expired'
  | 'link-used'
  | 'provider-refused'
  | 'integration-gone'
  | 'link-owner-not-admin'
  | 'no-connect-step'
  | 'connect-not-configured'
  | 'token-exchange-failed'
>;

/** The callback's query: one value per parameter (a repeated one is refused), bounded. */
const CallbackQuery = z.record(z.string().max(100), z.string().max(4000));

/**
 * The OAuth callback (GET /oauth/callback): checks the signed state (signature, expiry, single use) before
 * anything else, then the provider's answer, then exchanges the code with the PKCE verifier. Only a
 * successful exchange changes anything: the token is sealed into the state, the nonce recorded used,
 * the install marked connected, the admin card updated and the connection audited, in one change.
 */
export async function completeIntegrationConnect(
  deps: Deps,
  input: { query: unknown },
): Promise<ConnectOutcome> {
  const now = deps.clock.now();
  const query = CallbackQuery.safeParse(input.query ?? {});
  if (!query.success) return refused('callback-malformed');
  const q = query.data;
  // The state is checked before anything is said about `error`: an unsigned request learns nothing.
  const parsed = ConnectState.safeParse(q.state ? deps.signer.verify(q.state) : null);
  if (!parsed.success) return refused('link-invalid', { flow: 'connect' });
  const s = parsed.data;
  if (s.exp < now.getTime()) return refused('link-expired', { flow: 'connect' });
  const state = deps.store.read();
  if (state.usedNonces[s.n]) return refused('link-used', { flow: 'connect' });
  if (q.error) return refused('provider-refused', { flow: 'connect', answer: q.error });
  if (!q.code) return refused('callback-malformed');
  const entry = integrationById(deps, state, s.i);
  if (!entry || !state.installs[s.i]) return refused('integration-gone');
  const integration = refOf(entry);
  const target = oauthTargetOf(entry);
  if (!target) return refused('no-connect-step', { integration });
  if (!isSystemAdmin(state, s.by)) return refused('link-owner-not-admin');
  const missing = deps.oauth.missing(target);
  if (missing.length) return refused('connect-not-configured', { integration, missing });
  const verifier = deps.box.open(s.v);
  if (!verifier) return refused('link-invalid', { flow: 'connect' });
  const exchanged = await deps.oauth.exchangeCode({
    target,
    redirectUri: redirectUriOf(deps.settings),
    verifier,
    query: q,
  });
  if (!exchanged.ok) {
    const detail = exchanged.problem === 'refused' ? exchanged.error : exchanged.detail;
    deps.logger.warn('oauth token exchange failed', {
      integration: entry.id,
      problem: exchanged.problem,
      detail,
    });
    return refused('token-exchange-failed', { integration, problem: exchanged.problem, detail });
  }
  const sealedToken = deps.box.seal(JSON.stringify(exchanged.tokens));
  return transact<ConnectOutcome>(deps, (draft) => {
    // Checked again inside the change: another callback with this state may have finished meanwhile.
    if (draft.usedNonces[s.n]) return { result: refused('link-used', { flow: 'connect' }) };
    if (!isSystemAdmin(draft, s.by)) return { result: refused('link-owner-not-admin') };
    const install = draft.installs[s.i];
    if (!install) return { result: refused('integration-gone') };
    draft.usedNonces[s.n] = now.toISOString();
    draft.connections[s.i] = { sealedToken, connectedAt: now.toISOString(), connectedBy: s.by };
    install.connected = true;
    refreshIntegrationCard(deps, draft, s.i, now);
    const scope = exchanged.tokens.scope ?? target.oauth.scopes.join(' ');
    return {
      result: { ok: true, flow: 'connect', integration },
      audit: [
        auditEntry({
          at: now,
          actor: s.by,
          action: 'integration-connected',
          integrationId: entry.id,
          details: `authorised at ${new URL(target.oauth.authorizeUrl).host}${scope ? `; scopes: ${scope}` : ''}`,
        }),
      ],
    };
  });
}
