import { disableInstall } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { DeadlineActionDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';

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
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'disable-integrations',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install } = target;
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
