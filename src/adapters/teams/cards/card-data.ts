import type {
  DeadlineNoticeView,
  DecisionResultView,
  DirectoryView,
  IntegrationRef,
  ProviderView,
  ReportView,
  RequestListView,
  RequestNoticeView,
  Tone,
  View,
} from '../../../application/views/view.js';
import { requesterTally } from '../../../application/views/view.js';
import { type ActionMode, type CardJson, cardActions, openUrl } from './card-actions.js';
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

function integration(ref: IntegrationRef): CardData {
  return { name: md(ref.name), vendor: md(ref.vendor) };
}

function list(items: readonly string[]): string[] {
  return items.map(md);
}

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
    state: view.state,
    stateColor: view.state === 'approved' ? 'Good' : view.state === 'denied' ? 'Attention' : 'Default',
    decisionLine: view.decisionLine ? md(view.decisionLine) : '',
    hasDecision: !!view.decisionLine,
    actions: cardActions(view.actions, mode),
  };
}

function directory(view: DirectoryView, mode: ActionMode): CardData {
  return {
    items: view.items.map((item) => ({
      integration: integration(item.integration),
      description: orNone(item.description),
      status: orNone(item.status),
      review: orNone(item.review),
      actions: cardActions(item.actions, mode),
    })),
  };
}

function decisionResult(view: DecisionResultView): CardData {
  const approved = view.outcome === 'approved';
  return {
    integration: integration(view.integration),
    title: `${md(view.integration.name)} ${approved ? 'approved' : 'denied'}`,
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

function report(view: ReportView): CardData {
  return {
    rows: view.rows.map((row) => ({
      integration: integration(row.integration),
      state: orNone(row.state),
      groups: orNone(row.groups),
      permissions: row.permissions.length ? md(row.permissions.join(', ')) : 'None',
      lastChange: orNone(row.lastChange),
    })),
    isEmpty: view.rows.length === 0,
  };
}

function requestList(view: RequestListView, mode: ActionMode): CardData {
  return {
    title: md(view.title),
    emptyText: md(view.empty),
    isEmpty: view.items.length === 0,
    items: view.items.map((item) => ({
      integration: integration(item.integration),
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

function deadlineNotice(view: DeadlineNoticeView, mode: ActionMode): CardData {
  return {
    title: md(view.title),
    color: VARIANT_COLOR[view.variant],
    text: md(view.text),
    items: view.items.map((item) => ({
      integration: integration(item.integration),
      daysLeft: item.daysLeft === 1 ? '1 day' : `${item.daysLeft} days`,
      deadline: orNone(item.deadline),
      status: orNone(item.status),
      actions: cardActions(item.actions, mode),
    })),
  };
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
        commands: view.commands.map((c) => ({ usage: md(c.usage), description: orNone(c.description) })),
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
        actions: cardActions(view.actions, mode),
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
