import type { ScopeWords } from '../commands/command.js';
import { type ApproveOutcome, approveRequestChange, withConnectStep } from '../decide-request.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { transact } from '../transact.js';

export type { ApproveOutcome } from '../decide-request.js';

/**
 * Approves an open request for a scope: enables the integration there, tells the requesters,
 * updates every admin card in place. The first decision wins; a second one is told who decided.
 */
export async function approveIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; scope: ScopeWords },
): Promise<ApproveOutcome> {
  const now = deps.clock.now();
  const outcome = await transact<ApproveOutcome>(deps, (state) =>
    approveRequestChange(deps, state, { ...input, now }),
  );
  return withConnectStep(deps, outcome, { actorId: input.actor.id, now });
}
