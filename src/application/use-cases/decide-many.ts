import { MAX_BULK_DECISIONS } from '../../domain/limits.js';
import { parseReason } from '../../domain/reason.js';
import { own } from '../../domain/records.js';
import { openRequestFor } from '../../domain/request.js';
import type { State } from '../../domain/state.js';
import type { TimeBox } from '../../domain/time-box.js';
import type { ScopeWords } from '../commands/command.js';
import {
  type ApproveOutcome,
  approveRequestChange,
  type DenyOutcome,
  denyRequestChange,
  withConnectStep,
} from '../decide-request.js';
import { noOpenRequest } from '../decisions.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { BulkDecisionDone, BulkItem, Outcome, Refusal } from '../outcomes.js';
import { refused, refusedReason } from '../outcomes.js';
import { resolveGroups, resolveIntegration } from '../resolve.js';
import { transact } from '../transact.js';

export type DecideManyOutcome = Outcome<
  BulkDecisionDone,
  | 'not-admin'
  | 'plan-too-small'
  | 'reason-required'
  | 'reason-too-long'
  | 'unknown-group'
  | 'too-many-decisions'
  | 'nothing-chosen'
>;

/** Integration names as typed (`approve jira, zoom`), or request ids as a card's selection carries them. */
export type BulkTargets = { kind: 'names'; names: string[] } | { kind: 'requests'; ids: string[] };

type Found = { name: string | null; requestId: string } | { name: string | null; refusal: Refusal };

function findTarget(deps: Deps, state: Readonly<State>, target: string, input: DecideManyInput): Found {
  const wanted = input.outcome === 'approved' ? 'approve' : 'deny';
  if (input.targets.kind === 'requests') {
    const request = own(state.requests, target);
    const entry = request && integrationById(deps, state, request.integrationId);
    if (!request || !entry) return { name: null, refusal: refused('request-gone') };
    return { name: entry.name, requestId: request.id };
  }
  const found = resolveIntegration(deps, state, target);
  if (!found.ok) return { name: target, refusal: found };
  const open = openRequestFor(state, found.entry.id);
  if (!open) {
    return { name: found.entry.name, refusal: noOpenRequest(state, { entry: found.entry, wanted }) };
  }
  return { name: found.entry.name, requestId: open.id };
}

interface DecideManyInput {
  actor: Actor;
  outcome: 'approved' | 'denied';
  targets: BulkTargets;
  /** Approvals only: the scope every one of them gets. */
  scope: ScopeWords;
  /** Approvals only: a time box every one of them gets (none: no end). */
  ends?: TimeBox | null;
  /** Denials only: one reason for all, told to every requester. */
  reason: string | null;
}

/** What stops the whole bulk decision before any request is decided; null when it may go on. */
function refusalOfAll(
  deps: Deps,
  input: DecideManyInput,
  count: number,
): Extract<DecideManyOutcome, { ok: false }> | null {
  if (count === 0) return refused('nothing-chosen');
  if (count > MAX_BULK_DECISIONS) return refused('too-many-decisions', { count, max: MAX_BULK_DECISIONS });
  const state = deps.store.read();
  const approving = input.outcome === 'approved';
  const denied =
    checkSystemAdmin(state, input.actor.id, approving ? 'approve-integrations' : 'deny-requests') ??
    (approving ? checkPlan(deps.settings, 'thirdPartyIntegrations', 'third-party-integrations') : null);
  if (denied) return denied;
  if (approving && input.scope.kind === 'groups') {
    const groups = resolveGroups(state, input.scope.groups);
    if (!groups.ok) return groups;
  }
  if (approving) return null;
  const checked = parseReason(input.reason ?? '');
  if (!checked.ok || !checked.reason) return refusedReason(checked.ok ? 'reason-required' : checked.problem);
  return null;
}

/**
 * Decides several requests at once (`approve a, b for all`, `deny a, b because …`, the requests
 * card's selection). Each is its own decision exactly as one alone: its own transaction, audit
 * entry, requester notices and admin-card update, the role re-checked each time. One refused
 * (unknown name, no open request, decided already) does not stop the others.
 */
export async function decideMany(deps: Deps, input: DecideManyInput): Promise<DecideManyOutcome> {
  const targets = [
    ...new Set(
      (input.targets.kind === 'names' ? input.targets.names : input.targets.ids).map((t) => t.trim()),
    ),
  ].filter(Boolean);
  const stop = refusalOfAll(deps, input, targets.length);
  if (stop) return stop;
  const reason = parseReason(input.reason ?? '');
  // Every name is found against one reading of the state, so "jira, Jira" (or a name and its alias)
  // is one request, decided once, and not refused as no longer open by its own decision.
  const state = deps.store.read();
  const found = targets.map((t) => findTarget(deps, state, t, input));
  const seen = new Set<string>();
  const items: BulkItem[] = [];
  for (const f of found) {
    if ('refusal' in f) {
      items.push({ name: f.name, ok: false, refusal: f.refusal });
      continue;
    }
    if (seen.has(f.requestId)) continue;
    seen.add(f.requestId);
    const now = deps.clock.now();
    const { actor, scope } = input;
    const requestId = f.requestId;
    const r = await transact<ApproveOutcome | DenyOutcome>(deps, (draft) =>
      input.outcome === 'approved'
        ? approveRequestChange(deps, draft, { actor, requestId, scope, now, ends: input.ends ?? null })
        : denyRequestChange(deps, draft, {
            actor,
            requestId,
            reason: reason.ok ? (reason.reason ?? '') : '',
            now,
          }),
    );
    const done =
      r.ok && input.outcome === 'approved' ? await withConnectStep(deps, r, { actorId: actor.id, now }) : r;
    items.push(done.ok ? { name: f.name, ok: true, done } : { name: f.name, ok: false, refusal: done });
  }
  return { ok: true, outcome: input.outcome, items };
}
