import { refreshIntegrationCard } from '../admin-card.js';
import { oauthTargetOf } from '../connect-link.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget, checkSystemAdmin } from '../guards.js';
import type { DisconnectDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import type { OAuthTarget, TokenSet } from '../ports/oauth-client.js';
import { auditEntry, transact } from '../transact.js';

export type DisconnectOutcome = Outcome<
  DisconnectDone,
  'not-admin' | 'unknown-integration' | 'no-connect-step' | 'not-connected'
>;

function tokensOf(deps: Pick<Deps, 'box'>, sealed: string): TokenSet | null {
  const opened = deps.box.open(sealed);
  if (!opened) return null;
  try {
    const tokens = JSON.parse(opened) as TokenSet;
    return typeof tokens.accessToken === 'string' ? tokens : null;
  } catch {
    return null;
  }
}

/** Asks the provider to revoke the stored token (RFC 7009) when its entry has a `revokeUrl`. */
async function revokeAtProvider(
  deps: Deps,
  target: OAuthTarget,
  sealed: string,
): Promise<DisconnectDone['revoke']> {
  if (!target.oauth.revokeUrl) return { result: 'no-endpoint' };
  const tokens = tokensOf(deps, sealed);
  if (!tokens) return { result: 'failed', detail: 'the stored token could not be read with the current key' };
  const missing = deps.oauth.missing(target);
  if (missing.length) return { result: 'failed', detail: `${missing.join(', ')} not set` };
  const revoked = await deps.oauth.revoke({ target, tokens });
  if (revoked.ok) return { result: 'revoked' };
  return { result: 'failed', detail: revoked.problem === 'refused' ? revoked.error : revoked.detail };
}

const REVOKE_AUDIT = (r: DisconnectDone['revoke']) =>
  r.result === 'revoked'
    ? 'token revoked at the provider and deleted'
    : r.result === 'no-endpoint'
      ? 'token deleted (the provider has no revocation endpoint)'
      : `token deleted; revocation failed: ${r.detail}`;

/**
 * `disconnect <name>` or a card's Disconnect (system admins): revokes the token at the provider when it
 * can, then deletes it and marks the integration not connected. A failed revocation still deletes the
 * token here (the admin asked for the connection to end; the answer says to revoke it at the provider).
 */
export async function disconnectIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<DisconnectOutcome> {
  const now = deps.clock.now();
  const found = adminTarget(deps, deps.store.read(), {
    actorId: input.actor.id,
    task: 'connect-integrations',
    name: input.integration,
  });
  if (!found.ok) return found;
  const { entry, integration } = found;
  const target = oauthTargetOf(entry);
  if (!target) return refused('no-connect-step', { integration });
  const connection = deps.store.read().connections[entry.id];
  if (!connection) return refused('not-connected', { integration });
  const revoke = await revokeAtProvider(deps, target, connection.sealedToken);
  return transact<DisconnectOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'connect-integrations');
    if (denied) return { result: denied };
    if (!state.connections[entry.id]) return { result: refused('not-connected', { integration }) };
    delete state.connections[entry.id];
    const install = state.installs[entry.id];
    if (install) install.connected = false;
    refreshIntegrationCard(deps, state, entry.id, now);
    return {
      result: { ok: true, integration, revoke },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-disconnected',
          integrationId: entry.id,
          details: REVOKE_AUDIT(revoke),
        }),
      ],
    };
  });
}
