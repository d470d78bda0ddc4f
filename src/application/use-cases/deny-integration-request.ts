import { parseReason } from '../../domain/reason.js';
import { type DenyOutcome, denyRequestChange } from '../decide-request.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { refusedReason } from '../outcomes.js';
import { transact } from '../transact.js';

export type { DenyOutcome } from '../decide-request.js';

/** Denies an open request with a reason the requesters are told; the first decision wins. */
export async function denyIntegrationRequest(
  deps: Deps,
  input: { actor: Actor; requestId: string; reason: string },
): Promise<DenyOutcome> {
  const checked = parseReason(input.reason);
  if (!checked.ok || !checked.reason) return refusedReason(checked.ok ? 'reason-required' : checked.problem);
  const reason = checked.reason;
  const now = deps.clock.now();
  return transact<DenyOutcome>(deps, (state) =>
    denyRequestChange(deps, state, { actor: input.actor, requestId: input.requestId, reason, now }),
  );
}
