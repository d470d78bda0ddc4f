import type { CatalogEntry } from '../../domain/catalog.js';
import { scopeLabel } from '../../domain/install.js';
import { displayName, groupIdsOf } from '../../domain/people.js';
import { REASON_FIELD } from '../../domain/reason.js';
import type { IntegrationRequest, State } from '../../domain/state.js';
import type { ConnectFacts } from '../outcomes.js';
import { connectionLine } from './connect-views.js';
import { formatDate, formatTime, refOf, reviewLabel } from './format.js';
import type { RequestNoticeView, View, ViewAction } from './view.js';
import { VERBS } from './view.js';

/** How many requesters a request card names; the rest are counted. */
export const REQUESTERS_SHOWN = 10;

export const requestCardKey = (requestId: string) => `request:${requestId}`;

/** The requesters' groups by name ("Sales, Engineering"), or null when none of them is in a group. */
export function requesterGroups(state: Readonly<State>, request: IntegrationRequest): string | null {
  const ids = groupIdsOf(
    state,
    request.requesters.map((r) => r.personId),
  );
  return ids.size ? scopeLabel(state, { kind: 'groups', groups: [...ids] }) : null;
}

/** The key under which copies of a card are kept in sync (Teams `refresh`, in-place updates), or null. */
export function cardKeyOf(view: View): string | null {
  return view.kind === 'requestNotice' ? requestCardKey(view.requestId) : null;
}

/**
 * The actions an admin has on an open request. The decision is two short buttons (Approve for the
 * requesters' groups, or for all when they have none; Deny with a reason); the other scopes and
 * Permissions are secondary, behind a menu, so no title is cut on a phone.
 */
export function requestActions(state: Readonly<State>, request: IntegrationRequest): ViewAction[] {
  const id = request.id;
  const groups = Object.values(state.groups).map((g) => ({ value: g.id, title: g.name }));
  const forRequesters = requesterGroups(state, request) !== null;
  const actions: ViewAction[] = [
    forRequesters
      ? {
          verb: VERBS.approveRequest,
          label: 'Approve',
          data: { requestId: id, scope: 'requesters' },
          style: 'positive',
        }
      : {
          verb: VERBS.approveRequest,
          label: 'Approve for all',
          data: { requestId: id, scope: 'all' },
          style: 'positive',
        },
    {
      verb: VERBS.denyRequest,
      label: 'Deny',
      data: { requestId: id },
      style: 'destructive',
      inputs: [
        {
          id: 'reason',
          kind: 'text',
          label: 'Reason (the requesters will see it)',
          ...REASON_FIELD,
        },
      ],
    },
  ];
  if (forRequesters) {
    actions.push({
      verb: VERBS.approveRequest,
      label: 'Approve for all groups',
      data: { requestId: id, scope: 'all' },
      secondary: true,
    });
  }
  if (groups.length) {
    actions.push({
      verb: VERBS.chooseGroups,
      label: 'Approve for chosen groups',
      data: { requestId: id },
      inputs: [{ id: 'groups', kind: 'choices', label: 'Groups', required: true, choices: groups }],
      secondary: true,
    });
  }
  actions.push({
    verb: VERBS.showPermissions,
    label: 'Permissions',
    data: { integrationId: request.integrationId },
    secondary: true,
  });
  return actions;
}

/** Connect (while on and not connected) or Disconnect (while connected) on an approved request's card. */
function connectActions(input: {
  state: Readonly<State>;
  entry: CatalogEntry;
  connection: RequestNoticeView['connection'];
}): ViewAction[] {
  const data = { integrationId: input.entry.id };
  if (input.connection?.state === 'connected')
    return [{ verb: VERBS.disconnectIntegration, label: 'Disconnect', data, style: 'destructive' }];
  if (
    input.connection?.state === 'not-connected' &&
    input.state.installs[input.entry.id]?.status === 'enabled'
  )
    return [
      { verb: VERBS.connectIntegration, label: `Connect ${input.entry.name}`, data, style: 'positive' },
    ];
  return [];
}

/** "Approved by Ada for Sales, Eng — 10:42", "Denied by Ada — 10:42: …", "Blocked by Ada — 10:42: …" */
export function decisionLine(
  state: Readonly<State>,
  request: IntegrationRequest,
  timeZone: string,
): string | null {
  if (request.state === 'expired') {
    const on = formatDate(request.expiredAt ?? request.createdAt, timeZone);
    return `Expired on ${on}: nobody decided it in time. The requesters were told and may ask again.`;
  }
  const d = request.decision;
  if (!d) return null;
  const who = displayName(state, d.by);
  const time = formatTime(d.at, timeZone);
  if (request.state === 'approved') return `Approved by ${who} for ${scopeLabel(state, d.scope)} — ${time}`;
  const verb = request.state === 'blocked' ? 'Blocked' : 'Denied';
  return `${verb} by ${who} — ${time}${d.reason ? `: ${d.reason}` : ''}`;
}

/** The admin card for a request: what, who asked and why, and (for admins, while open) the actions. */
export function buildRequestNotice(input: {
  state: Readonly<State>;
  request: IntegrationRequest;
  entry: CatalogEntry;
  timeZone: string;
  forAdmin: boolean;
  /** Set when the card is raised again because nobody decided: "Waiting 3 days". */
  waiting?: string | null;
  /** Where its OAuth connection stands; shown once the request is approved. */
  connect?: ConnectFacts;
}): RequestNoticeView {
  const { state, request, entry } = input;
  const waiting = request.state === 'open' && input.waiting ? { waiting: input.waiting } : {};
  const approved = request.state === 'approved';
  const connection =
    approved && input.connect
      ? connectionLine(input.connect, { name: entry.name, timeZone: input.timeZone })
      : null;
  return {
    kind: 'requestNotice',
    requestId: request.id,
    integration: refOf(entry),
    // The latest few only: a card holding every requester would grow with each one (and past
    // Slack's and Teams' message size limits); the count tells how many asked in all.
    requesters: request.requesters
      .slice(-REQUESTERS_SHOWN)
      .map((r) => ({ name: displayName(state, r.personId), reason: r.reason })),
    requesterCount: request.requesters.length,
    permissions: entry.permissions,
    review: reviewLabel(entry.review, input.timeZone),
    approveFor: request.state === 'open' ? requesterGroups(state, request) : null,
    state: request.state,
    decisionLine: decisionLine(state, request, input.timeZone),
    connection,
    actions: !input.forAdmin
      ? []
      : request.state === 'open'
        ? requestActions(state, request)
        : connectActions({ state, entry, connection }),
    ...waiting,
  };
}
