import type { Notice } from '../../domain/notice.js';
import { displayName } from '../../domain/people.js';
import type { State } from '../../domain/state.js';
import type {
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
import { type AnyOutcome, type Wording, worded } from './refusal-words.js';
import { decisionLine, requestActions } from './request-views.js';
import type { DirectoryView, ListView, RequestListView, View } from './view.js';
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

/** `my requests` or `requests`: each request's state and detail; open ones carry actions for admins. */
export function requestListView(facts: RequestListDone, w: StateWording): RequestListView {
  const { state, timeZone } = w;
  const words = REQUEST_LISTS[facts.list];
  const items = facts.requests.slice(0, MAX_LISTED).map(({ request: r, entry }) => {
    const reasons = r.requesters
      .filter((q) => q.reason)
      .map((q) => `${displayName(state, q.personId)}: ${q.reason}`);
    const detail =
      r.state === 'open'
        ? `Asked on ${formatDate(r.createdAt, timeZone)}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`
        : (decisionLine(state, r, timeZone) ?? '');
    return {
      requestId: r.id,
      integration: refOf(entry),
      state: r.state,
      requesters: r.requesters.length,
      detail,
      actions: words.withActions && r.state === 'open' ? requestActions(state, r) : [],
    };
  });
  const more = facts.total - items.length;
  return {
    kind: 'requestList',
    title: more > 0 ? `${words.title} (first ${MAX_LISTED} of ${facts.total})` : words.title,
    empty: words.empty,
    items,
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
    facts.entries.map(({ entry, open }) =>
      directoryItem({
        state: w.state,
        entry,
        open,
        myGroups: facts.myGroups,
        isAdmin: facts.isAdmin,
        timeZone: w.timeZone,
        now: facts.now,
      }),
    ),
  );
}
