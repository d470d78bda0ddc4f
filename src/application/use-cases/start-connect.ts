import { authoriseLink, connectFactsOf, oauthTargetOf } from '../connect-link.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { Outcome, StartConnectDone } from '../outcomes.js';
import { refused } from '../outcomes.js';

export type StartConnectOutcome = Outcome<
  StartConnectDone,
  | 'not-admin'
  | 'unknown-integration'
  | 'no-connect-step'
  | 'connect-not-configured'
  | 'already-connected'
  | 'connect-needs-enabled'
>;

/**
 * `connect <name>` or a card's Connect: a fresh single-use authorise link for the asking system admin,
 * for an integration that is on, has an `oauth` block with its client configured, and is not connected.
 * Nothing changes until the provider sends the admin back to the callback.
 */
export async function startConnect(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<StartConnectOutcome> {
  const state = deps.store.read();
  const found = adminTarget(deps, state, {
    actorId: input.actor.id,
    task: 'connect-integrations',
    name: input.integration,
  });
  if (!found.ok) return found;
  const { entry, integration, install } = found;
  const target = oauthTargetOf(entry);
  if (!target) return refused('no-connect-step', { integration });
  const facts = connectFactsOf(deps, state, entry);
  if (facts.status === 'connected')
    return refused('already-connected', { integration, by: facts.by, at: facts.at });
  if (facts.status === 'not-configured')
    return refused('connect-not-configured', { integration, missing: facts.missing });
  if (install?.status !== 'enabled') return refused('connect-needs-enabled', { integration });
  const link = await authoriseLink(deps, { target, actorId: input.actor.id, now: deps.clock.now() });
  return { ok: true, integration, ...link };
}
