import { scopeLabel } from '../../domain/install.js';
import { MAX_BULK_DECISIONS, MAX_REASON_LENGTH } from '../../domain/limits.js';
import type { Notice } from '../../domain/notice.js';
import { displayName } from '../../domain/people.js';
import type { IntegrationRequest, State } from '../../domain/state.js';
import type {
  BlockedListDone,
  DeadlineListDone,
  DirectoryDone,
  NoticeListDone,
  PermissionsDone,
  ReportDone,
  ReportRowFacts,
  RequestListDone,
} from '../outcomes.js';
import { deadlinesOverview } from './deadline-views.js';
import { directoryItem, directoryView } from './directory-view.js';
import { formatDate, formatDateTime, refOf, reviewLabel } from './format.js';
import { type AnyOutcome, blockedWords, type Wording, worded } from './refusal-words.js';
import { decisionLine, requestActions } from './request-views.js';
import type { BulkDecisionForm, DirectoryView, ListView, RequestListView, View, ViewAction } from './view.js';
import { VERBS } from './view.js';

/** What the read-only queries show (English today): request lists, notices, deadlines, report, permissions, directory. */

/** Where a view needs the stored state besides the facts (names, installs, open requests). */
export interface StateWording extends Wording {
  state: Readonly<State>;
}

const MAX_LISTED = 50;
const MAX_NOTICES = 50;

const REQUEST_LISTS = {
  mine: {
    title: 'Your requests',
    empty: 'You have not requested any integration. Say "integrations" to browse.',
    withActions: false,
  },
  pending: { title: 'Pending requests', empty: 'No request is waiting.', withActions: true },
} as const;

/** The requests card's selection: the first pending requests (as many as one bulk decision takes). */
function bulkForm(items: RequestListView['items']): BulkDecisionForm | null {
  const open = items.filter((i) => i.state === 'open');
  if (open.length < 2) return null;
  const choices = open
    .slice(0, MAX_BULK_DECISIONS)
    .map((i) => ({ value: i.requestId, title: i.integration.name }));
  const two = choices
    .slice(0, 2)
    .map((c) => c.title)
    .join(', ');
  return {
    title: 'Decide several',
    commandHint: `Decide several at once: approve ${two} [for all], or deny ${two} because <reason>.`,
    fields: [
      { id: 'requests', kind: 'choices', label: 'Requests', required: true, choices },
      {
        id: 'bulkReason',
        kind: 'text',
        label: 'Reason (needed to deny; the requesters see it)',
        required: false,
        maxLength: MAX_REASON_LENGTH,
      },
    ],
    actions: [
      { verb: VERBS.approveSelected, label: 'Approve selected', data: {}, style: 'positive' },
      { verb: VERBS.denySelected, label: 'Deny selected', data: {}, style: 'destructive' },
    ],
  };
}

/** One's own request in `my requests`: when asked, and when and by whom it was decided or expired. */
function myRequestDetail(r: IntegrationRequest, w: StateWording, reasons: readonly string[]): string {
  const on = (iso: string) => formatDate(iso, w.timeZone);
  const asked = `Asked ${on(r.createdAt)}`;
  const d = r.decision;
  switch (r.state) {
    case 'open':
      return `${asked} · waiting for a decision${reasons.length ? ` — ${reasons.join('; ')}` : ''}`;
    case 'expired':
      return `${asked} · expired ${on(r.expiredAt ?? r.createdAt)}: no decision in time`;
    case 'approved':
      return d
        ? `${asked} · approved ${on(d.at)} by ${displayName(w.state, d.by)} for ${scopeLabel(w.state, d.scope)}`
        : `${asked} · approved`;
    case 'denied':
      return d
        ? `${asked} · denied ${on(d.at)} by ${displayName(w.state, d.by)}${d.reason ? `: ${d.reason}` : ''}`
        : `${asked} · denied`;
    case 'blocked':
      return d
        ? `${asked} · closed ${on(d.at)}: ${displayName(w.state, d.by)} blocked it${d.reason ? `: ${d.reason}` : ''}`
        : `${asked} · closed: blocked`;
  }
}

/** "Request again" on one's own expired request: re-filed with one's reason. */
function requestAgainAction(requestId: string): ViewAction {
  return { verb: VERBS.requestAgain, label: 'Request again', data: { requestId }, style: 'positive' };
}

/** `my requests` or `requests`: each request's state and detail; open ones carry actions for admins. */
export function requestListView(facts: RequestListDone, w: StateWording): RequestListView {
  const { state, timeZone } = w;
  const words = REQUEST_LISTS[facts.list];
  const open = new Set(facts.requests.filter((l) => l.request.state === 'open').map((l) => l.entry.id));
  const items = facts.requests.slice(0, MAX_LISTED).map(({ request: r, entry }) => {
    const reasons = r.requesters
      .filter((q) => q.reason)
      .map((q) => `${displayName(state, q.personId)}: ${q.reason}`);
    const pendingDetail =
      r.state === 'open'
        ? `Asked on ${formatDate(r.createdAt, timeZone)}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`
        : (decisionLine(state, r, timeZone) ?? '');
    // An expired request can be asked again, unless a newer one of the same person is open already.
    const again = facts.list === 'mine' && r.state === 'expired' && !open.has(entry.id);
    return {
      requestId: r.id,
      integration: refOf(entry),
      state: r.state,
      requesters: r.requesters.length,
      detail: facts.list === 'mine' ? myRequestDetail(r, w, reasons) : pendingDetail,
      actions:
        words.withActions && r.state === 'open'
          ? requestActions(state, r)
          : again
            ? [requestAgainAction(r.id)]
            : [],
    };
  });
  const more = facts.total - items.length;
  return {
    kind: 'requestList',
    title: more > 0 ? `${words.title} (first ${MAX_LISTED} of ${facts.total})` : words.title,
    empty: words.empty,
    items,
    ...(words.withActions ? { bulk: bulkForm(items) } : {}),
  };
}

function headline(view: Record<string, unknown>): string {
  const text = [view.title, view.text, view.kind].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const line = text ?? 'a card';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function noticeDetail(n: Notice, timeZone: string): string {
  if (n.state === 'given-up')
    return `Given up: ${n.lastError ?? 'no reason recorded'} (queued ${formatDateTime(n.createdAt, timeZone)})`;
  const tries = n.attempts ? `, ${n.attempts} failed ${n.attempts === 1 ? 'attempt' : 'attempts'}` : '';
  const error = n.lastError ? `; last error: ${n.lastError}` : '';
  return `Queued ${formatDateTime(n.createdAt, timeZone)}${tries}; next try ${formatDateTime(n.notBefore, timeZone)}${error}`;
}

/** `notices`: a headline with the counts, then each notice with its target and delivery state. */
export function noticeListViews(o: AnyOutcome<NoticeListDone>, w: Wording): View[] {
  return worded(o, w, (facts) => {
    const items = facts.notices.slice(0, MAX_NOTICES).map((n) => ({
      title: `${headline(n.view)} → ${n.target}`,
      detail: noticeDetail(n, w.timeZone),
    }));
    const more = facts.notices.length - items.length;
    const view: ListView = {
      kind: 'list',
      title: `Notices: ${facts.queued} queued (${facts.failing} failing), ${facts.givenUp} given up${more > 0 ? `; first ${items.length} shown` : ''}`,
      empty: 'No notices are waiting: everything was delivered.',
      items,
    };
    return [view];
  });
}

/** `deadlines`: the overview card. */
export function deadlineListViews(o: AnyOutcome<DeadlineListDone>, w: Wording): View[] {
  return worded(o, w, (facts) => [deadlinesOverview(facts.affected, { timeZone: w.timeZone })]);
}

function installLabel(install: ReportRowFacts['install']): string {
  if (!install) return 'requested';
  return `${install.status}${install.connected ? ', connected' : ''}${install.kept ? ', kept until deadline' : ''}`;
}

/** `report`: one row per integration installed or requested. */
export function reportViews(o: AnyOutcome<ReportDone>, w: Wording): View[] {
  return worded(o, w, (facts) => [
    {
      kind: 'report',
      rows: facts.rows.map((row) => ({
        integration: refOf(row.entry),
        state: installLabel(row.install),
        groups: row.install ? row.install.groups : '',
        permissions: row.entry.permissions,
        lastChange: row.lastChange
          ? `${row.lastChange.action} by ${row.lastChange.by}, ${formatDateTime(row.lastChange.at, w.timeZone)}`
          : '—',
      })),
    },
  ]);
}

/** The permissions card of an integration, with a Request action. */
export function permissionsViews(o: AnyOutcome<PermissionsDone>, w: Wording): View[] {
  return worded(o, w, ({ entry }) => [
    {
      kind: 'permissions',
      integration: refOf(entry),
      permissions: entry.permissions,
      review: reviewLabel(entry.review, w.timeZone),
      confirm: null,
      actions: [
        { verb: VERBS.requestIntegration, label: `Request ${entry.name}`, data: { integrationId: entry.id } },
      ],
    },
  ]);
}

/** The directory: each entry's state in a sentence and its actions, grouped by state. */
export function directoryViewOf(facts: DirectoryDone, w: StateWording): DirectoryView {
  return directoryView(
    facts.entries.map(({ entry, open, connect }) =>
      directoryItem({
        state: w.state,
        entry,
        open,
        connect: connect ?? { status: 'none' },
        myGroups: facts.myGroups,
        isAdmin: facts.isAdmin,
        timeZone: w.timeZone,
        now: facts.now,
      }),
    ),
  );
}

/** `blocked`: each blocked integration with why, by whom and when. */
export function blockedListView(d: BlockedListDone, w: Wording): View {
  return {
    kind: 'list',
    title: 'Blocked integrations',
    empty: 'No integration is blocked.',
    items: d.items.map((i) => ({
      title: i.integration.name,
      detail: `${i.block.reason} — ${blockedWords(i.block, w.timeZone)}`,
    })),
  };
}
