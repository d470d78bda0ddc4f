import { disableInstall, scopeLabel } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DisableDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type DisableOutcome = Outcome<DisableDone, 'not-admin' | 'unknown-integration' | 'not-installed'>;

/** Turns an integration off everywhere, keeping its groups so `enable` can bring it back. */
export async function disableIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<DisableOutcome> {
  const now = deps.clock.now();
  return transact<DisableOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'disable-integrations');
    if (denied) return { result: denied };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const entry = found.entry;
    const integration = refOf(entry);
    const install = state.installs[entry.id];
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
