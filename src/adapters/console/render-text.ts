import type {
  DeadlineNoticeView,
  IntegrationRef,
  RequestNoticeView,
  Tone,
  View,
  ViewAction,
} from '../../application/views/view.js';
import { requesterTally } from '../../application/views/view.js';

/** A view as terminal text; `[n]` in the text is `actions[n - 1]`. */
export interface RenderedText {
  text: string;
  actions: ViewAction[];
}

const TONE_MARK: Record<Tone, string> = { info: '•', success: '✓', warning: '!', error: '✗' };
const VARIANT_MARK: Record<DeadlineNoticeView['variant'], string> = {
  attention: '!',
  reminder: '!',
  'disabled-for-good': '✗',
  'review-passed': '✓',
};

/** Control characters (ANSI escapes among them) in people's text must not drive the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Collects lines and numbers actions across the whole view. */
class TextOut {
  readonly lines: string[] = [];
  readonly actions: ViewAction[] = [];

  /** Adds text; its own newlines continue under `indent`. */
  line(text: string, indent = ''): void {
    const [first = '', ...rest] = text
      .split(/\r\n?|\n/)
      .map((part) => part.replace(/\t/g, ' ').replace(CONTROL, ''));
    this.lines.push(indent + first, ...rest.map((part) => `${indent}  ${part}`));
  }

  bullets(items: readonly string[], indent = '  '): void {
    for (const item of items) this.line(`- ${item}`, indent);
  }

  numbered(actions: readonly ViewAction[] | undefined, indent = '  '): void {
    for (const action of actions ?? []) {
      this.actions.push(action);
      const asks = action.inputs?.length
        ? ` (asks for: ${action.inputs.map((i) => i.label).join(', ')})`
        : '';
      this.line(`[${this.actions.length}] ${action.label}${asks}`, indent);
    }
  }
}

/** "Jira (Atlassian)"; just "Box" where the vendor would repeat the name. */
function named(ref: IntegrationRef): string {
  const same = ref.vendor.trim().toLowerCase() === ref.name.trim().toLowerCase() || !ref.vendor.trim();
  return same ? ref.name : `${ref.name} (${ref.vendor})`;
}

function requestNotice(out: TextOut, view: RequestNoticeView): void {
  out.line(`Request: ${named(view.integration)} — ${view.state}`);
  if (view.waiting) out.line(`⏳ ${view.waiting}`);
  const { total, unnamed } = requesterTally(view);
  out.line(`Requested by (${total}):`);
  if (unnamed > 0) out.line(`- … and ${unnamed} more before them`, '  ');
  for (const requester of view.requesters) {
    out.line(requester.reason ? `- ${requester.name}: ${requester.reason}` : `- ${requester.name}`, '  ');
  }
  if (view.permissions.length) {
    out.line('Permissions asked:');
    out.bullets(view.permissions);
  }
  out.line(`Review: ${view.review}`);
  const mark = view.state === 'denied' || view.state === 'expired' || view.state === 'blocked' ? '✗' : '✓';
  if (view.decisionLine) out.line(`${mark} ${view.decisionLine}`);
  if (view.connection)
    out.line(`${view.connection.state === 'connected' ? '🔗' : '·'} ${view.connection.line}`);
  out.numbered(view.actions);
}

function deadlineNotice(out: TextOut, view: DeadlineNoticeView): void {
  out.line(`${VARIANT_MARK[view.variant]} ${view.title}`);
  out.line(view.text);
  for (const item of view.items) {
    const days = item.daysLeft === 1 ? '1 day' : `${item.daysLeft} days`;
    out.line(`• ${named(item.integration)} — ${days} left, deadline ${item.deadline}`, '  ');
    out.line(item.status, '    ');
    out.numbered(item.actions, '    ');
  }
}

function listed<T>(
  out: TextOut,
  input: { title: string; empty: string; items: readonly T[] },
  each: (item: T) => void,
) {
  out.line(input.title);
  if (!input.items.length) out.line(input.empty, '  ');
  for (const item of input.items) each(item);
}

function renderInto(out: TextOut, view: View): void {
  switch (view.kind) {
    case 'message':
      out.line(`${TONE_MARK[view.tone]} ${view.text}`);
      out.bullets(view.lines ?? []);
      out.numbered(view.actions);
      return;
    case 'help': {
      out.line(view.forAdmin ? 'Commands (admin):' : 'Commands:');
      const width = Math.max(0, ...view.commands.map((c) => c.usage.length));
      for (const c of view.commands) out.line(`${c.usage.padEnd(width)}  ${c.description}`, '  ');
      return;
    }
    case 'directory':
      listed(
        out,
        { title: 'Integrations', empty: 'No integrations in the catalog.', items: view.items },
        (item) => {
          out.line(`• ${named(item.integration)} — ${item.status} · ${item.review}`, '  ');
          if (item.description) out.line(item.description, '    ');
          out.numbered(item.actions, '    ');
        },
      );
      return;
    case 'permissions':
      out.line(`Permissions for ${named(view.integration)}:`);
      if (view.permissions.length) out.bullets(view.permissions);
      else out.line('It asks for no permissions.', '  ');
      out.line(`Review: ${view.review}`);
      if (view.confirm) out.line(`Add enables ${view.integration.name} for ${view.confirm.scopeLabel}.`);
      out.numbered(view.actions);
      return;
    case 'requestNotice':
      requestNotice(out, view);
      return;
    case 'requestReceipt':
      out.line(`✓ ${view.text}`);
      out.line(`Requesters: ${view.requesterCount}`, '  ');
      return;
    case 'decisionResult':
      out.line(`${view.outcome === 'approved' ? '✓' : '✗'} ${view.integration.name} ${view.outcome}`);
      out.line(view.text, '  ');
      if (view.reason) out.line(`Reason: ${view.reason}`, '  ');
      if (view.authorizeUrl) out.line(`Connect ${view.integration.name}: ${view.authorizeUrl}`, '  ');
      return;
    case 'provider':
      out.line(`Chat provider: ${view.currentName}`);
      out.line(view.text, '  ');
      if (view.consent) {
        out.line(
          `! Consent needed for ${view.consent.forProvider}; the link expires at ${view.consent.expiresAt}:`,
        );
        out.line(view.consent.url, '  ');
        out.line(
          'An Office 365 Global Administrator must open it; forward it to one if that is not you.',
          '  ',
        );
      }
      return;
    case 'report':
      listed(
        out,
        { title: 'Permissions and data', empty: 'No integrations to report.', items: view.rows },
        (row) => {
          out.line(`• ${named(row.integration)} — ${row.state}`, '  ');
          out.line(`Groups: ${row.groups || '—'}`, '    ');
          out.line(`Permissions: ${row.permissions.join(', ') || 'none'}`, '    ');
          out.line(`Last change: ${row.lastChange || '—'}`, '    ');
        },
      );
      return;
    case 'requestList':
      listed(out, view, (item) => {
        const people = item.requesters === 1 ? '1 requester' : `${item.requesters} requesters`;
        out.line(`• ${named(item.integration)} — ${item.state}, ${people}`, '  ');
        if (item.detail) out.line(item.detail, '    ');
        out.numbered(item.actions, '    ');
      });
      if (view.bulk) out.line(view.bulk.commandHint, '  ');
      return;
    case 'list':
      listed(out, view, (item) => {
        out.line(item.detail ? `• ${item.title} — ${item.detail}` : `• ${item.title}`, '  ');
        out.numbered(item.actions, '    ');
      });
      return;
    case 'link':
      out.line(view.title);
      out.line(view.text, '  ');
      out.line(`${view.label}: ${view.url}`, '  ');
      return;
    case 'deadlineNotice':
      deadlineNotice(out, view);
      return;
  }
}

/** A view as plain terminal text with its actions numbered `[1]`, `[2]`… in the order returned. */
export function renderTextWithActions(view: View): RenderedText {
  const out = new TextOut();
  renderInto(out, view);
  return { text: out.lines.join('\n'), actions: out.actions };
}

/** A view as plain terminal text. */
export function renderText(view: View): string {
  return renderTextWithActions(view).text;
}
