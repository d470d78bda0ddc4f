import { blockOf, blockIntegration as blockRule } from '../../domain/block.js';
import { parseReason } from '../../domain/reason.js';
import { refreshAdminCard } from '../admin-card.js';
import { blockFactsOf } from '../blocks.js';
import { scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { BlockDone, Outcome } from '../outcomes.js';
import { refused, refusedReason } from '../outcomes.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { tellRequesters } from '../tell-requesters.js';
import { auditEntry, transact } from '../transact.js';

export type BlockOutcome = Outcome<
  BlockDone,
  | 'reason-required'
  | 'reason-too-long'
  | 'not-admin'
  | 'unknown-integration'
  | 'already-blocked'
  | 'block-while-enabled'
>;

/**
 * Blocks an integration (docs/product.md#blocking): closes its open request (its requesters are
 * told why in a direct message, its admin cards say blocked), and every later request for it is
 * refused with the reason. One still on must be turned off first.
 */
export async function blockIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; reason: string },
): Promise<BlockOutcome> {
  const checked = parseReason(input.reason);
  if (!checked.ok || !checked.reason) return refusedReason(checked.ok ? 'reason-required' : checked.problem);
  const reason = checked.reason;
  const now = deps.clock.now();
  return transact<BlockOutcome>(deps, (state) => {
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'block-integrations',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install } = target;
    const done = blockRule(state, { integrationId: entry.id, by: input.actor.id, reason, now });
    if (!done.ok) {
      const existing = blockOf(state, entry.id);
      if (done.problem === 'already-blocked' && existing)
        return { result: refused('already-blocked', { integration, block: blockFactsOf(state, existing) }) };
      if (done.problem === 'enabled' && install)
        return {
          result: refused('block-while-enabled', { integration, scope: scopeFactsOf(state, install.scope) }),
        };
      return { result: refusedReason(done.problem === 'reason-too-long' ? done.problem : 'reason-required') };
    }
    const audit: AuditEntry[] = [
      auditEntry({
        at: now,
        actor: input.actor.id,
        action: 'integration-blocked',
        integrationId: entry.id,
        details: reason,
      }),
    ];
    const request = done.closed;
    const block = blockFactsOf(state, done.block);
    let told = 0;
    if (request) {
      told = tellRequesters(state, {
        request,
        entry,
        now,
        news: { change: 'blocked', by: block.by, reason },
      });
      refreshAdminCard(deps, state, request, now);
      audit.push(
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'request-blocked',
          integrationId: entry.id,
          details: `${request.id}: ${reason}`,
        }),
      );
    }
    return {
      result: {
        ok: true,
        integration,
        block,
        closed: request ? { requestId: request.id, requestersTold: told } : null,
      },
      audit,
    };
  });
}
