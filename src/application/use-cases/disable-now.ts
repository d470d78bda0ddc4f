import { disableInstall } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DeadlineActionDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type DisableNowOutcome = Outcome<
  DeadlineActionDone,
  'not-admin' | 'unknown-integration' | 'not-installed' | 'already-disabled'
>;

/** "Disable now" from a deadline card: an admin turns the integration off instead of keeping it. */
export async function disableNow(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<DisableNowOutcome> {
  const now = deps.clock.now();
  return transact<DisableNowOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'disable-integrations');
    if (denied) return { result: denied };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const entry = found.entry;
    const integration = refOf(entry);
    const install = state.installs[entry.id];
    if (!install) return { result: refused('not-installed', { integration }) };
    if (install.status === 'disabled' && install.disabledBy !== 'auto-disable') {
      return { result: refused('already-disabled', { integration }) };
    }
    const was =
      install.status === 'enabled'
        ? `enabled${install.keptUntil ? ', kept' : ''}`
        : 'disabled (auto-disable)';
    disableInstall(install, { by: input.actor.id, now, reason: 'admin' });
    return {
      result: { ok: true, result: 'disabled', integration },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-disabled',
          integrationId: entry.id,
          details: `${was} → disabled: an admin chose to disable it rather than wait for its review (${entry.review.state})`,
        }),
      ],
    };
  });
}
