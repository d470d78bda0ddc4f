import { alternativeFor, keepOfferedReason, offerKey, takeOfferedReason } from '../../domain/alternatives.js';
import { isEnabledFor } from '../../domain/install.js';
import { groupsOf, notePerson } from '../../domain/people.js';
import { parseReason } from '../../domain/reason.js';
import { addRequester, hasAsked, openRequestFor } from '../../domain/request.js';
import { refreshAdminCard } from '../admin-card.js';
import { checkNotBlocked } from '../blocks.js';
import { scopeFactsOf } from '../decisions.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan } from '../guards.js';
import type { Outcome, RequestDone } from '../outcomes.js';
import { refused, refusedReason } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type RequestOutcome = Outcome<
  RequestDone,
  | 'reason-required'
  | 'reason-too-long'
  | 'plan-too-small'
  | 'unknown-integration'
  | 'already-enabled'
  | 'integration-blocked'
>;

/**
 * A new request's id: its number, then 72 random bits, so an id seen on one card does not lead to
 * the next one. Ids of older data (`r1`, `r2`…) keep working: an id is only ever looked up.
 */
function newRequestId(deps: Pick<Deps, 'ids'>, n: number): string {
  return `r${n}-${deps.ids.random(9)}`;
}

/**
 * Files a request for an integration, or joins the open one (one open request per integration: docs/product.md#requests), and
 * posts or updates the admin card. Nothing is filed when it is already on for the requester's groups,
 * when it is blocked (refused with the block's reason), or, unless `anyway`, when another of its
 * category is on for them (answered with both choices: docs/product.md#suggested-alternatives).
 */
export async function requestIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string; reason: string | null; anyway?: boolean },
): Promise<RequestOutcome> {
  const checked = parseReason(input.reason, { optional: true });
  if (!checked.ok) return refusedReason(checked.problem);
  const typed = checked.reason;
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations');
  if (gate) return gate;
  const now = deps.clock.now();
  return transact<RequestOutcome>(deps, (state) => {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const entry = found.entry;
    const integration = refOf(entry);
    const current = deps.store.read();
    const blocked = checkNotBlocked(current, entry, 'request');
    if (blocked) return { result: blocked };
    // Read from the plain state: through the draft, each group's member list would be proxied element by element.
    const groupIds = groupsOf(current, input.actor.id).map((g) => g.id);
    if (isEnabledFor(state.installs[entry.id], groupIds)) {
      return { result: refused('already-enabled', { integration }) };
    }
    const open = openRequestFor(state, entry.id);
    // Looked up in the person's own index and the plain state: scanning a request's requesters
    // through the change-tracking draft would cost O(requesters) per request (docs/performance.md).
    const askedBefore = open !== undefined && hasAsked(current, open, input.actor.id);
    const alternative =
      input.anyway || askedBefore
        ? null
        : alternativeFor({
            catalog: catalogOf(deps, current),
            installs: current.installs,
            wanted: entry,
            groupIds,
          });
    const offer = { integrationId: entry.id, personId: input.actor.id };
    if (alternative) {
      keepOfferedReason(state, { ...offer, reason: typed, now });
      return {
        result: {
          ok: true,
          result: 'alternative',
          integration,
          alternative: refOf(alternative.entry),
          scope: scopeFactsOf(current, alternative.scope),
          reason: typed,
        },
      };
    }
    // "Still ask" after an alternative was offered files with the reason given then.
    const kept = Object.hasOwn(current.offeredReasons, offerKey(entry.id, input.actor.id))
      ? takeOfferedReason(state, offer)
      : null;
    const reason = typed ?? (input.anyway ? kept : null);
    notePerson(state, { id: input.actor.id, name: input.actor.name, now: now.toISOString() });
    if (open && askedBefore) {
      const request = open;
      const index = (current.requests[request.id]?.requesters ?? []).findIndex(
        (r) => r.personId === input.actor.id,
      );
      const mine = index === -1 ? undefined : request.requesters[index];
      if (mine && reason) mine.reason = reason;
      if (reason) refreshAdminCard(deps, state, request, now);
      return { result: { ok: true, result: 'asked-before', integration, reasonUpdated: Boolean(reason) } };
    }
    const { request, joined } = addRequester(state, {
      integrationId: entry.id,
      personId: input.actor.id,
      reason,
      now,
      newId: () => {
        state.counters.request += 1;
        return newRequestId(deps, state.counters.request);
      },
    });
    refreshAdminCard(deps, state, request, now);
    const count = request.requesters.length;
    return {
      result: {
        ok: true,
        result: joined ? 'joined' : 'filed',
        requestId: request.id,
        integration,
        requesterCount: count,
      },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: joined ? 'request-joined' : 'request-filed',
          integrationId: entry.id,
          details: `${request.id}${reason ? `: ${reason}` : ''} (${count} requester${count === 1 ? '' : 's'})`,
        }),
      ],
    };
  });
}
