import { parseReason, type ReasonProblem } from './reason.js';
import { own } from './records.js';
import { decideRequest, openRequestFor } from './request.js';
import type { Block, IntegrationRequest, State } from './state.js';

/**
 * Blocking (docs/product.md#blocking): a denial refuses one request, a block refuses the
 * integration. Blocking closes its open request (state `blocked`), and until it is unblocked every
 * request for it is refused with the block's reason, to whoever asks, and no admin may turn it on.
 * It takes the same reason rule as a denial. Unblocking re-opens nothing.
 */

/** The block on an integration, if any. */
export function blockOf(state: Readonly<State>, integrationId: string): Block | undefined {
  return own(state.blocked, integrationId);
}

export type BlockProblem = ReasonProblem | 'already-blocked' | 'enabled';

/**
 * Blocks an integration with a reason: records who and when, and closes its open request (the
 * first decision wins, so a decided request is left alone); one its review turned off stays off as
 * an admin's choice. An integration already blocked, or on for some group (it must be turned off
 * first), is left as it is and the problem says why.
 */
export function blockIntegration(
  state: State,
  input: { integrationId: string; by: string; reason: unknown; now: Date },
): { ok: true; block: Block; closed: IntegrationRequest | null } | { ok: false; problem: BlockProblem } {
  const checked = parseReason(input.reason);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  if (!checked.reason) return { ok: false, problem: 'reason-required' };
  if (blockOf(state, input.integrationId)) return { ok: false, problem: 'already-blocked' };
  if (state.installs[input.integrationId]?.status === 'enabled') return { ok: false, problem: 'enabled' };
  const block: Block = { reason: checked.reason, by: input.by, at: input.now.toISOString() };
  state.blocked[input.integrationId] = block;
  // Off now by an admin's choice, not by its review: a review that passes later must not turn it on.
  const install = state.installs[input.integrationId];
  if (install?.disabledBy === 'auto-disable') install.disabledBy = 'admin';
  const open = openRequestFor(state, input.integrationId) ?? null;
  const closed =
    open &&
    decideRequest(state, open, {
      outcome: 'blocked',
      by: input.by,
      now: input.now,
      scope: null,
      reason: checked.reason,
    })
      ? open
      : null;
  return { ok: true, block, closed };
}

/** Lifts a block; false when there was none. Nothing closed by the block is re-opened. */
export function unblockIntegration(state: State, integrationId: string): boolean {
  if (!blockOf(state, integrationId)) return false;
  delete state.blocked[integrationId];
  return true;
}
