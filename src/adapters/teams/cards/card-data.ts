import { DIRECTORY_ORDER } from '../../../application/views/directory-view.js';
import type {
  BulkDecisionForm,
  DeadlineNoticeView,
  DecisionResultView,
  DirectoryState,
  DirectoryView,
  IntegrationRef,
  PermissionsView,
  ProviderView,
  ReportView,
  RequestListView,
  RequestNoticeView,
  Tone,
  View,
  ViewAction,
} from '../../../application/views/view.js';
import { requesterTally, VERBS } from '../../../application/views/view.js';
import {
  type ActionMode,
  type CardJson,
  cardActions,
  inputButton,
  inputElement,
  openUrl,
} from './card-actions.js';
import { escapeMarkdown as md } from './markdown.js';

/**
 * What a template in cards/ binds to: every shown string already escaped, every action already card JSON,
 * no null anywhere (the templating engine fails on a null inside `${…}`), and flags for `$when`.
 */
export type CardData = Record<string, unknown>;

const TONE_COLOR: Record<Tone, string> = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  error: 'Attention',
};
const NONE = '—';

function orNone(text: string): string {
  return text.trim() ? md(text) : NONE;
}

/** Name and vendor; the vendor line is left out where it would repeat the name ("Box / Box"). */
function integration(ref: IntegrationRef): CardData {
  const hasVendor =
    ref.vendor.trim() !== '' && ref.vendor.trim().toLowerCase() !== ref.name.trim().toLowerCase();
  return { name: md(ref.name), vendor: hasVendor ? md(ref.vendor) : '', hasVendor };
}

function list(items: readonly string[]): string[] {
  return items.map(md);
}

const STATE_COLORS: Record<RequestNoticeView['state'], string> = {
  open: 'Default',
  approved: 'Good',
  denied: 'Attention',
  expired: 'Warning',
  blocked: 'Attention',
};
const CONNECTION_COLOR = {
  connected: 'Good',
  'not-connected': 'Default',
  'not-configured': 'Warning',
} as const;

function requestNotice(view: RequestNoticeView, mode: ActionMode): CardData {
  const tally = requesterTally(view);
  return {
    integration: integration(view.integration),
    requesters: [
      ...(tally.unnamed > 0
        ? [{ name: `… and ${tally.unnamed} more before them`, reason: '', hasReason: false }]
        : []),
      ...view.requesters.map((r) => ({
        name: md(r.name),
        reason: r.reason ? md(r.reason) : '',
        hasReason: !!r.reason,
      })),
    ],
    requesterCount: String(tally.total),
    permissions: list(view.permissions),
    hasPermissions: view.permissions.length > 0,
    review: orNone(view.review),
    approveFor: view.approveFor ? md(view.approveFor) : '',
    hasApproveFor: !!view.approveFor && view.actions.length > 0,
    state: view.state,
    stateColor: STATE_COLORS[view.state],
    waiting: view.waiting ? md(view.waiting) : '',
    hasWaiting: !!view.waiting,
    decisionLine: view.decisionLine ? md(view.decisionLine) : '',
    hasDecision: !!view.decisionLine,
    connectionLine: view.connection ? md(view.connection.line) : '',
    connectionColor: CONNECTION_COLOR[view.connection?.state ?? 'not-connected'],
    hasConnection: !!view.connection,
    actions: cardActions(view.actions, mode),
  };
}

const DIRECTORY_HEADING: Record<DirectoryState, string> = {
  'review-disabled': 'Turned off by their review',
  on: 'On',
  off: 'Off',
  requested: 'Requested',
  available: 'Available',
  blocked: 'Blocked',
};
const STATE_COLOR: Record<DirectoryState, string> = {
  'review-disabled': 'Warning',
  on: 'Good',
  off: 'Default',
  requested: 'Default',
  available: 'Default',
  blocked: 'Attention',
};
/** Directory actions one picker serves for every entry (the entry's id comes from the picker). */
const PICKER_VERBS: readonly string[] = [VERBS.requestIntegration, VERBS.showPermissions];
/** The picker's input id is the id the actions carry, so its value reaches them as `integrationId`. */
export const PICKER_INPUT_ID = 'integrationId';

/** Picker buttons, one per verb any entry offers, labelled for the general case. */
function pickerActions(view: DirectoryView, mode: ActionMode): CardJson[] {
  const offered = new Set(view.items.flatMap((i) => i.actions.map((a) => a.verb)));
  const buttons: CardJson[] = [];
  if (offered.has(VERBS.requestIntegration))
    buttons.push(
      inputButton({ verb: VERBS.requestIntegration, label: 'Request', data: {}, style: 'positive' }, mode),
    );
  if (offered.has(VERBS.showPermissions))
    buttons.push(inputButton({ verb: VERBS.showPermissions, label: 'Permissions', data: {} }, mode));
  return buttons;
}

/**
 * The directory in groups (on, off, turned off by review, requested, available), one line of state per entry
 * and the available ones as one line of names, so eleven entries fit a phone screen; Request and Permissions
 * act on the entry chosen in one picker instead of two buttons under every entry.
 */
function directory(view: DirectoryView, mode: ActionMode): CardData {
  const sections = DIRECTORY_ORDER.map((state) => ({
    state,
    items: view.items.filter((i) => i.state === state),
  }))
    .filter((s) => s.items.length)
    .map(({ state, items }) => ({
      heading: `${DIRECTORY_HEADING[state]} (${items.length})`,
      isNames: state === 'available',
      names: md(items.map((i) => i.integration.name).join(', ')),
      entries:
        state === 'available'
          ? []
          : items.map((item) => ({
              name: md(item.integration.name),
              status: orNone(item.status),
              color: STATE_COLOR[state],
              actions: cardActions(
                item.actions.filter((a) => !PICKER_VERBS.includes(a.verb)),
                mode,
              ),
            })),
    }));
  const actions = pickerActions(view, mode);
  return {
    summary: `${view.items.length} in the catalog. Choose one below to request it or see what it may access.`,
    sections,
    hasPicker: actions.length > 0 && view.items.length > 0,
    pickerId: PICKER_INPUT_ID,
    choices: view.items.map((i) => ({ title: md(i.integration.name), value: i.integration.id })),
    actions: view.items.length ? actions : [],
  };
}

function decisionResult(view: DecisionResultView): CardData {
  const approved = view.outcome === 'approved';
  return {
    integration: integration(view.integration),
    title: `${md(view.integration.name)} ${view.outcome}`,
    color: approved ? 'Good' : 'Attention',
    text: md(view.text),
    reason: view.reason ? md(view.reason) : '',
    hasReason: !!view.reason,
    actions: view.authorizeUrl ? [openUrl(`Connect ${view.integration.name}`, view.authorizeUrl)] : [],
  };
}

function provider(view: ProviderView): CardData {
  const consent = view.consent;
  return {
    currentName: orNone(view.currentName),
    text: md(view.text),
    hasConsent: consent !== null,
    consentProvider: consent ? md(consent.forProvider) : '',
    consentExpiresAt: consent ? md(consent.expiresAt) : '',
    actions: consent ? [openUrl('Give consent in Office 365', consent.url)] : [],
  };
}

/** Rows a report card shows; the CSV export (`export`) holds every one. */
export const REPORT_ROWS_SHOWN = 12;

function report(view: ReportView): CardData {
  const more = view.rows.length - REPORT_ROWS_SHOWN;
  return {
    hasMore: more > 0,
    moreText: more > 0 ? `${more} more not shown: say "export" for all of them as CSV.` : '',
    rows: view.rows.slice(0, REPORT_ROWS_SHOWN).map((row) => ({
      integration: integration(row.integration),
      state: orNone(row.state),
      groups: orNone(row.groups),
      stateLine: row.groups.trim() ? md(`${row.state} · ${row.groups}`) : orNone(row.state),
      permissions: row.permissions.length ? md(row.permissions.join(' · ')) : 'Asks for no permissions',
      lastChange: orNone(row.lastChange),
    })),
    isEmpty: view.rows.length === 0,
  };
}

/** Items a request list card shows (oldest first, as the view orders them); the rest are counted. */
export const REQUEST_ITEMS_SHOWN = 8;

/**
 * The selection to decide several: its inputs on the card itself, with both buttons sending them. No input
 * there is marked required: every Deny of an item (in its own ShowCard) sends and validates its parent card's
 * inputs too, and must not be held up by an empty selection; the engine answers an empty one.
 */
function bulkElements(bulk: BulkDecisionForm | null | undefined, mode: ActionMode): CardJson[] {
  if (!bulk) return [];
  return [
    { type: 'TextBlock', text: md(bulk.title), wrap: true, weight: 'Bolder' },
    ...bulk.fields.map((field) => {
      const input = inputElement({ ...field, required: false });
      // Past a handful, the choices fold into a drop-down so the card stays short.
      return field.kind === 'choices' && field.choices.length > REQUEST_ITEMS_SHOWN
        ? { ...input, style: 'compact' }
        : input;
    }),
    { type: 'ActionSet', actions: bulk.actions.map((action) => inputButton(action, mode)) },
  ];
}

function requestList(view: RequestListView, mode: ActionMode): CardData {
  const more = view.items.length - REQUEST_ITEMS_SHOWN;
  const bulk = bulkElements(view.bulk, mode);
  return {
    hasBulk: bulk.length > 0,
    bulk,
    title: md(view.title),
    emptyText: md(view.empty),
    isEmpty: view.items.length === 0,
    hasMore: more > 0,
    moreText: more > 0 ? `${more} more wait behind these and show here as these are decided.` : '',
    items: view.items.slice(0, REQUEST_ITEMS_SHOWN).map((item) => ({
      integration: integration(item.integration),
      summary: md(
        `${item.state} · ${item.requesters === 1 ? '1 requester' : `${item.requesters} requesters`}`,
      ),
      state: orNone(item.state),
      requesters: String(item.requesters),
      detail: item.detail ? md(item.detail) : '',
      hasDetail: !!item.detail,
      actions: cardActions(item.actions, mode),
    })),
  };
}

const VARIANT_COLOR: Record<DeadlineNoticeView['variant'], string> = {
  attention: 'Warning',
  reminder: 'Warning',
  'disabled-for-good': 'Attention',
  'review-passed': 'Good',
};

/** Days left mean something until the deadline has passed or the review has. */
const variantCountsDown = (variant: DeadlineNoticeView['variant']) =>
  variant === 'attention' || variant === 'reminder';

function deadlineNotice(view: DeadlineNoticeView, mode: ActionMode): CardData {
  return {
    title: md(view.title),
    color: VARIANT_COLOR[view.variant],
    text: md(view.text),
    items: view.items.map((item) => ({
      integration: integration(item.integration),
      daysLeft: item.daysLeft === 1 ? '1 day' : `${item.daysLeft} days`,
      deadline: orNone(item.deadline),
      hasDeadline: item.deadline.trim() !== '' && variantCountsDown(view.variant),
      status: orNone(item.status),
      actions: cardActions(item.actions, mode),
    })),
  };
}

/**
 * The last step of an approval says in bold what Add does ("Add enables Jira for Sales, Engineering"), so its
 * button is just "Add": "Add Salesforce for Customer Success, Sales, Engineering" is cut even at 450 px.
 */
export function shortConfirm(view: PermissionsView): ViewAction[] {
  if (!view.confirm) return view.actions;
  return view.actions.map((a) => (a.verb === VERBS.confirmApprove ? { ...a, label: 'Add' } : a));
}

/** The template data for a view; `mode` says how its buttons are expressed. */
export function cardDataOf(view: View, mode: ActionMode): CardData {
  switch (view.kind) {
    case 'message':
      return {
        text: md(view.text),
        color: TONE_COLOR[view.tone],
        lines: list(view.lines ?? []),
        actions: cardActions(view.actions, mode),
      };
    case 'help':
      return {
        title: view.forAdmin ? 'Commands (admin)' : 'Commands',
        // TextRuns show their text as it is (no Markdown), so these two are not escaped.
        commands: view.commands.map((c) => ({ usage: c.usage, description: c.description.trim() || NONE })),
      };
    case 'directory':
      return { ...directory(view, mode), isEmpty: view.items.length === 0 };
    case 'permissions':
      return {
        integration: integration(view.integration),
        permissions: list(view.permissions),
        hasPermissions: view.permissions.length > 0,
        review: orNone(view.review),
        confirm: view.confirm ? md(view.confirm.scopeLabel) : '',
        hasConfirm: view.confirm !== null,
        actions: cardActions(shortConfirm(view), mode),
      };
    case 'requestNotice':
      return requestNotice(view, mode);
    case 'requestReceipt':
      return {
        integration: integration(view.integration),
        text: md(view.text),
        requesterCount: String(view.requesterCount),
      };
    case 'decisionResult':
      return decisionResult(view);
    case 'provider':
      return provider(view);
    case 'report':
      return report(view);
    case 'requestList':
      return requestList(view, mode);
    case 'list':
      return {
        title: md(view.title),
        emptyText: md(view.empty),
        isEmpty: view.items.length === 0,
        items: view.items.map((i) => ({
          title: md(i.title),
          detail: orNone(i.detail),
          actions: cardActions(i.actions, mode),
        })),
      };
    case 'link':
      return { title: md(view.title), text: md(view.text), actions: [openUrl(view.label, view.url)] };
    case 'deadlineNotice':
      return deadlineNotice(view, mode);
  }
}

export type { CardJson };
