import { unblockIntegration as unblockRule } from '../../domain/block.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { Outcome, UnblockDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';

export type UnblockOutcome = Outcome<UnblockDone, 'not-admin' | 'unknown-integration' | 'not-blocked'>;

/** Lifts a block: the integration may be requested and turned on again; nothing is re-opened. */
export async function unblockIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<UnblockOutcome> {
  const now = deps.clock.now();
  return transact<UnblockOutcome>(deps, (state) => {
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'block-integrations',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration } = target;
    const reason = state.blocked[entry.id]?.reason;
    if (!unblockRule(state, entry.id)) return { result: refused('not-blocked', { integration }) };
    return {
      result: { ok: true, integration },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'integration-unblocked',
          integrationId: entry.id,
          details: `was blocked: ${reason ?? ''}`,
        }),
      ],
    };
  });
}
