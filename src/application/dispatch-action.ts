import { z } from 'zod';
import { isSystemAdmin } from '../domain/people.js';
import { ProviderId } from '../domain/provider.js';
import { isReasonProblem, Reason } from '../domain/reason.js';
import { own } from '../domain/records.js';
import { deadlineActionView } from './affected-deadlines.js';
import { ScopeToken, tokenToWords } from './approval-scope.js';
import { connectFactsOf } from './connect-link.js';
import { countdownView } from './countdown.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import type { ActionInput, ActionReply } from './engine.js';
import { checkSystemAdmin } from './guards.js';
import { noteActor } from './note-actor.js';
import { expiredRequestToRenew } from './request-again.js';
import { timeBoxCard } from './time-box-card.js';
import { TimeBoxToken, tokenToTimeBox } from './time-box-token.js';
import { approveIntegrationRequest } from './use-cases/approve-integration-request.js';
import { decideMany } from './use-cases/decide-many.js';
import { decidePermissionChange } from './use-cases/decide-permission-change.js';
import { denyIntegrationRequest } from './use-cases/deny-integration-request.js';
import { disableNow } from './use-cases/disable-now.js';
import { disconnectIntegration } from './use-cases/disconnect-integration.js';
import { extendTimeBox } from './use-cases/extend-time-box.js';
import { keepIntegration } from './use-cases/keep-integration.js';
import { letTimeBoxEnd } from './use-cases/let-time-box-end.js';
import { listRequests } from './use-cases/list-requests.js';
import { prepareApproval } from './use-cases/prepare-approval.js';
import { removeIntegration } from './use-cases/remove-integration.js';
import { requestIntegration } from './use-cases/request-integration.js';
import { setProvider } from './use-cases/set-provider.js';
import { showPermissions } from './use-cases/show-permissions.js';
import { startConnect } from './use-cases/start-connect.js';
import { useAlternative } from './use-cases/use-alternative.js';
import { removeViews, setProviderViews } from './views/admin-outcome-views.js';
import { disconnectViews, startConnectViews } from './views/connect-views.js';
import { message } from './views/format.js';
import { permissionChangeDoneView } from './views/permission-change-views.js';
import { permissionsViews, requestListView } from './views/query-views.js';
import { reasonProblemWords, refusalView } from './views/refusal-words.js';
import {
  bulkDecisionViews,
  decisionViews,
  prepareApprovalViews,
  requestViews,
  useAlternativeViews,
} from './views/request-outcome-views.js';
import { buildRequestNotice, requestCardKey } from './views/request-views.js';
import { timeBoxActionViews } from './views/time-box-views.js';
import type { View } from './views/view.js';
import { VERBS } from './views/view.js';

const id = z.string().min(1).max(200);
const Groups = z
  .union([z.string(), z.array(z.string())], { error: 'Choose at least one group.' })
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9-]{1,64}$/))
      .min(1, 'Choose at least one group.')
      .max(100),
  );

/**
 * The requests chosen on the requests card: Teams sends a multi-select's values as "id1,id2", Slack a list.
 * Any string is taken (an id that is not a request is answered so, beside the others); how many at once
 * is the use case's rule.
 */
const RequestIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean));
const SelectedInputs = z.object({ requests: RequestIds, bulkReason: z.string().optional() });

/** Card action payloads, one schema per verb; anything else is refused. */
const Action = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal(VERBS.requestIntegration),
    // "Still ask for Box" on an alternatives offer: files it anyway, with the reason kept server-side.
    data: z.object({ integrationId: id, anyway: z.literal('yes').optional() }),
  }),
  z.object({ verb: z.literal(VERBS.useAlternative), data: z.object({ integrationId: id }) }),
  z.object({ verb: z.literal(VERBS.showPermissions), data: z.object({ integrationId: id }) }),
  z.object({
    verb: z.literal(VERBS.approveRequest),
    data: z.object({ requestId: id, scope: z.enum(['requesters', 'all']) }),
  }),
  z.object({
    verb: z.literal(VERBS.chooseGroups),
    data: z.object({ requestId: id }),
    inputs: z.object({ groups: Groups }),
  }),
  z.object({
    verb: z.literal(VERBS.confirmApprove),
    data: z.object({ requestId: id, scope: ScopeToken, ends: TimeBoxToken.optional() }),
    inputs: z.object({ ends: TimeBoxToken.optional() }),
  }),
  z.object({
    verb: z.literal(VERBS.denyRequest),
    data: z.object({ requestId: id }),
    inputs: z.object({ reason: Reason }),
  }),
  z.object({ verb: z.literal(VERBS.approveSelected), data: z.object({}), inputs: SelectedInputs }),
  z.object({ verb: z.literal(VERBS.denySelected), data: z.object({}), inputs: SelectedInputs }),
  z.object({ verb: z.literal(VERBS.requestAgain), data: z.object({ requestId: id }) }),
  z.object({ verb: z.literal(VERBS.keepIntegration), data: z.object({ integrationId: id }) }),
  z.object({ verb: z.literal(VERBS.disableIntegration), data: z.object({ integrationId: id }) }),
  z.object({
    verb: z.literal(VERBS.extendTimeBox),
    data: z.object({ integrationId: id, endsAt: id }),
    inputs: z.object({ ends: TimeBoxToken.refine((t) => t !== 'none', 'Choose how long.') }),
  }),
  z.object({ verb: z.literal(VERBS.letTimeBoxEnd), data: z.object({ integrationId: id, endsAt: id }) }),
  z.object({
    verb: z.enum([VERBS.approvePermissionChange, VERBS.refusePermissionChange]),
    data: z.object({ integrationId: id, set: z.string().regex(/^[0-9a-f]{8}$/) }),
  }),
  z.object({ verb: z.literal(VERBS.switchProvider), data: z.object({ provider: ProviderId }) }),
  z.object({
    verb: z.literal(VERBS.confirmGroupRemoval),
    data: z.object({ integrationId: id, groupId: id }),
  }),
  z.object({ verb: z.literal(VERBS.connectIntegration), data: z.object({ integrationId: id }) }),
  z.object({ verb: z.literal(VERBS.disconnectIntegration), data: z.object({ integrationId: id }) }),
]);

const refused = (text: string): ActionReply => ({ card: message('error', text), views: [], refused: true });

/** Where a card is looked at: the viewer, and the conversation they see it in when known. */
interface Viewer {
  actorId: string;
  conversationId?: string | undefined;
}

/**
 * The current request card for this viewer, after a decision. Only system admins, the request's
 * requesters and people in a conversation the card was posted to may see it; anyone else gets
 * null, exactly as for an unknown id, so trying ids tells nothing (who asked, and why, stays private).
 */
function currentNotice(deps: Deps, requestId: string, viewer: Viewer): View | null {
  const state = deps.store.read();
  const request = own(state.requests, requestId);
  const entry = request && integrationById(deps, state, request.integrationId);
  if (!request || !entry) return null;
  const actorId = viewer.actorId;
  const requester = request.requesters.some((r) => r.personId === actorId);
  const postedHere = (state.postedCards[requestCardKey(requestId)] ?? []).some(
    (p) => p.target === viewer.conversationId,
  );
  if (!requester && !postedHere && !isSystemAdmin(state, actorId)) return null;
  return buildRequestNotice({
    state,
    request,
    entry,
    timeZone: deps.settings.timeZone,
    forAdmin: isSystemAdmin(state, actorId),
    connect: connectFactsOf(deps, state, entry),
  });
}

/** Runs a card action: validated, re-checked against the store, idempotent. */
export async function dispatchAction(deps: Deps, input: ActionInput): Promise<ActionReply> {
  const parsed = Action.safeParse({ verb: input.verb, data: input.data, inputs: input.inputs ?? {} });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] !== 'inputs') return refused('That action is not valid. Nothing was changed.');
    // The reason rule's issues are its problem codes, worded where every refusal is.
    return refused(isReasonProblem(issue.message) ? reasonProblemWords(issue.message) : issue.message);
  }
  const { actor } = input;
  const wording = { timeZone: deps.settings.timeZone };
  await noteActor(deps, actor);
  const a = parsed.data;
  switch (a.verb) {
    case VERBS.requestIntegration: {
      const r = await requestIntegration(deps, {
        actor,
        integration: a.data.integrationId,
        reason: null,
        anyway: a.data.anyway === 'yes',
      });
      const [card = null, ...views] = requestViews(r, wording);
      return { card, views, refused: !r.ok };
    }
    case VERBS.useAlternative: {
      const r = useAlternative(deps, { actor, integration: a.data.integrationId });
      const [card = null] = useAlternativeViews(r, wording);
      return { card, views: [], refused: !r.ok };
    }
    case VERBS.requestAgain: {
      // Re-filed through the ordinary request, so every rule of asking (plan, already on) holds.
      const prior = expiredRequestToRenew(deps.store.read(), {
        actorId: actor.id,
        requestId: a.data.requestId,
      });
      const r = prior.ok
        ? await requestIntegration(deps, { actor, integration: prior.integrationId, reason: prior.reason })
        : prior;
      const [card = null, ...views] = requestViews(r, wording);
      return { card, views, refused: !r.ok };
    }
    case VERBS.showPermissions:
      return {
        card: null,
        views: permissionsViews(showPermissions(deps, { integration: a.data.integrationId }), wording),
        refused: false,
      };
    case VERBS.approveRequest:
    case VERBS.chooseGroups: {
      const scope =
        a.verb === VERBS.chooseGroups
          ? { kind: 'groups' as const, groups: a.inputs.groups }
          : tokenToWords(a.data.scope);
      const r = prepareApproval(deps, { actor, requestId: a.data.requestId, scope });
      const [step = null] = prepareApprovalViews(r, wording);
      if (!r.ok || !step) return { card: step, views: [], refused: true };
      return { card: null, views: [], privateCard: step, refused: false };
    }
    case VERBS.confirmApprove:
    case VERBS.denyRequest: {
      const r =
        a.verb === VERBS.confirmApprove
          ? await approveIntegrationRequest(deps, {
              actor,
              requestId: a.data.requestId,
              scope: tokenToWords(a.data.scope),
              ends: tokenToTimeBox(a.inputs.ends ?? a.data.ends ?? 'none'),
            })
          : await denyIntegrationRequest(deps, {
              actor,
              requestId: a.data.requestId,
              reason: a.inputs.reason,
            });
      const viewer = { actorId: actor.id, conversationId: input.origin.conversationId };
      return {
        card: currentNotice(deps, a.data.requestId, viewer),
        views: decisionViews(r, wording),
        refused: !r.ok,
      };
    }
    case VERBS.approveSelected:
    case VERBS.denySelected: {
      const approving = a.verb === VERBS.approveSelected;
      const r = await decideMany(deps, {
        actor,
        outcome: approving ? 'approved' : 'denied',
        targets: { kind: 'requests', ids: a.inputs.requests },
        scope: { kind: 'requesters' },
        reason: approving ? null : (a.inputs.bulkReason ?? null),
      });
      const views = bulkDecisionViews(r, wording);
      if (!r.ok) return { card: views[0] ?? null, views: [], refused: true };
      const list = requestListView(listRequests(deps, { actor }), { ...wording, state: deps.store.read() });
      return { card: list, views, refused: false };
    }
    case VERBS.keepIntegration:
      return {
        card: deadlineActionView(
          deps,
          await keepIntegration(deps, { actor, integration: a.data.integrationId }),
        ),
        views: [],
        refused: false,
      };
    case VERBS.disableIntegration:
      return {
        card: deadlineActionView(deps, await disableNow(deps, { actor, integration: a.data.integrationId })),
        views: [],
        refused: false,
      };
    case VERBS.extendTimeBox:
    case VERBS.letTimeBoxEnd: {
      const { integrationId, endsAt } = a.data;
      const by = a.verb === VERBS.extendTimeBox ? tokenToTimeBox(a.inputs.ends) : null;
      const r = by
        ? await extendTimeBox(deps, { actor, integration: integrationId, by, expected: endsAt })
        : await letTimeBoxEnd(deps, { actor, integration: integrationId, expected: endsAt });
      if (!r.ok) {
        const [refusal = null] = timeBoxActionViews(r, wording);
        return { card: refusal, views: [], refused: true };
      }
      const card = timeBoxCard(deps, deps.store.read(), { integrationId, endsAt, now: deps.clock.now() });
      return { card, views: [], refused: false };
    }
    case VERBS.approvePermissionChange:
    case VERBS.refusePermissionChange: {
      const r = await decidePermissionChange(deps, {
        actor,
        integrationId: a.data.integrationId,
        hash: a.data.set,
        decision: a.verb === VERBS.approvePermissionChange ? 'approve' : 'disable',
      });
      return {
        card: r.ok ? permissionChangeDoneView(r) : refusalView(r, wording.timeZone),
        views: [],
        refused: !r.ok,
      };
    }
    case VERBS.switchProvider: {
      const r = await setProvider(deps, {
        actor,
        origin: input.origin,
        provider: a.data.provider,
        onPremises: false,
      });
      const [card = null, ...views] = setProviderViews(r, wording);
      return { card, views, refused: !r.ok };
    }
    case VERBS.confirmGroupRemoval: {
      const r = await removeIntegration(deps, {
        actor,
        integration: a.data.integrationId,
        group: a.data.groupId,
        confirmed: true,
      });
      const [card = null] = removeViews(r, wording);
      return { card, views: [], refused: !r.ok };
    }
    case VERBS.connectIntegration: {
      // The authorise link is the clicker's alone: shown privately, never posted to the conversation.
      const r = await startConnect(deps, { actor, integration: a.data.integrationId });
      const [step = null] = startConnectViews(r, wording);
      if (!r.ok || !step) return { card: step, views: [], refused: true };
      return { card: null, views: [], privateCard: step, refused: false };
    }
    case VERBS.disconnectIntegration: {
      const r = await disconnectIntegration(deps, { actor, integration: a.data.integrationId });
      return { card: null, views: disconnectViews(r, wording), refused: !r.ok };
    }
  }
}

/** The card key of the requests card (`requests`): its pending list, and the selection to decide several. */
export const REQUESTS_CARD_KEY = 'requests';

/** The card a viewer should see for a card key: admins get actions, others a read-only copy. */
export function viewCardFor(deps: Deps, input: Viewer & { cardKey: string }): View | null {
  // A card counting down (a deadline card, a time-box heads-up) is the same for every viewer.
  const live = countdownView(deps, deps.store.read(), { key: input.cardKey, now: deps.clock.now() });
  if (live) return live;
  if (input.cardKey === REQUESTS_CARD_KEY) {
    const actor = { id: input.actorId, name: null };
    const denied = checkSystemAdmin(deps.store.read(), actor.id, 'approve-integrations');
    if (denied) return refusalView(denied, deps.settings.timeZone);
    return requestListView(listRequests(deps, { actor }), {
      timeZone: deps.settings.timeZone,
      state: deps.store.read(),
    });
  }
  const match = /^request:(.+)$/.exec(input.cardKey);
  if (match?.[1] && requestCardKey(match[1]) === input.cardKey) return currentNotice(deps, match[1], input);
  return null;
}
