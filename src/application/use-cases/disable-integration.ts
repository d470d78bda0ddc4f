import { disableInstall, scopeLabel } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { DisableDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';

export type DisableOutcome = Outcome<DisableDone, 'not-admin' | 'unknown-integration' | 'not-installed'>;

/** Turns an integration off everywhere, keeping its groups so `enable` can bring it back. */
export async function disableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<DisableOutcome> {
  const now = deps.clock.now();
  return transact<DisableOutcome>(deps, (state) => {
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'disable-integrations',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install } = target;
    if (!install) return { result: refused('not-installed', { integration }) };
    if (install.status === 'disabled')
      return { result: { ok: true, result: 'already-disabled', integration } };
    disableInstall(install, { by: input.actor.id, now, reason: 'admin' });
    const groups = scopeLabel(state, install.scope);
    return {
      result: { ok: true, result: 'disabled', integration },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-disabled',
          integrationId: entry.id,
          details: `enabled for ${groups} → disabled`,
        }),
      ],
    };
  });
}
