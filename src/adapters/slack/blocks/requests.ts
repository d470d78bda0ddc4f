import type {
  DecisionResultView,
  PermissionsView,
  RequestListView,
  RequestNoticeView,
  RequestReceiptView,
} from '../../../application/views/view.js';
import { requesterTally, VERBS } from '../../../application/views/view.js';
import type { KnownBlock } from './kit.js';
import { actions, bullets, context, escapeText, fitItems, header, nameAndVendor, section } from './kit.js';

type Ids = (verb: string) => string;

/**
 * The action id of the requests message's "Decide several…" button. It carries no verb: it opens the form
 * (a modal) whose submission names the decision, so it is not of the `<verb>:<n>` shape card buttons have.
 */
export const BULK_ACTION = 'bulk-decide';

const STATE_LABEL = {
  open: 'Waiting for a decision',
  approved: 'Approved',
  denied: 'Denied',
  expired: 'Expired',
  blocked: 'Blocked',
} as const;

/** The admin card for a request: who asked and why, what it may access, and the decision actions. */
export function requestNoticeBlocks(view: RequestNoticeView, nextId: Ids): KnownBlock[] {
  const who = view.requesters.map((r) => (r.reason ? `${r.name}: ${r.reason}` : r.name));
  const { total, unnamed } = requesterTally(view);
  if (unnamed > 0) who.unshift(`… and ${unnamed} more before them`);
  return [
    header(`Request: ${view.integration.name}`),
    ...(view.waiting ? [section(`:hourglass: *${escapeText(view.waiting)}*`, { raw: true })] : []),
    section(`${nameAndVendor(view.integration)} — ${STATE_LABEL[view.state]}`, { raw: true }),
    section(`*Requested by* (${total})`, { raw: true }),
    bullets(who.length ? who : ['nobody']),
    section('*Permissions asked*', { raw: true }),
    bullets(view.permissions.length ? view.permissions : ['none']),
    context([view.review, view.decisionLine ?? '']),
    ...(view.connection ? [context([view.connection.line])] : []),
    ...(view.approveFor && view.actions.length
      ? [context([`Approve enables it for ${view.approveFor}, the requesters' groups.`])]
      : []),
    ...actions(view.actions, nextId),
  ];
}

export function requestReceiptBlocks(view: RequestReceiptView): KnownBlock[] {
  const count = view.requesterCount === 1 ? '1 person asked' : `${view.requesterCount} people asked`;
  return [section(view.text), context([`${view.integration.name} — ${count}`])];
}

export function decisionResultBlocks(view: DecisionResultView): KnownBlock[] {
  const blocks: KnownBlock[] = [section(view.text)];
  if (view.reason) blocks.push(section(`*Reason:* ${escapeText(view.reason)}`, { raw: true }));
  if (view.authorizeUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'openLink:0',
          text: { type: 'plain_text', text: `Connect ${view.integration.name}`.slice(0, 75) },
          url: view.authorizeUrl,
        },
      ],
    });
  }
  return blocks;
}

export function permissionsBlocks(view: PermissionsView, nextId: Ids): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(`${view.integration.name} permissions`),
    bullets(view.permissions.length ? view.permissions : ['It asks for no permission.']),
    context([view.integration.vendor, view.review]),
  ];
  if (view.confirm)
    blocks.push(
      section(`Adding it will enable it for *${escapeText(view.confirm.scopeLabel)}*.`, { raw: true }),
    );
  // The section above says what Add does, so the button is just "Add" (a row of long titles wraps on a phone).
  const shown = view.confirm
    ? view.actions.map((a) => (a.verb === VERBS.confirmApprove ? { ...a, label: 'Add' } : a))
    : view.actions;
  return [...blocks, ...actions(shown, nextId)];
}

export function requestListBlocks(
  view: RequestListView,
  input: { nextId: Ids; budget: number },
): KnownBlock[] {
  const head = header(view.title);
  if (!view.items.length) return [head, section(view.empty)];
  const bulk: KnownBlock[] = view.bulk
    ? [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: BULK_ACTION,
              text: { type: 'plain_text', text: `${view.bulk.title}…`, emoji: true },
            },
          ],
        },
      ]
    : [];
  const items = fitItems({
    items: view.items,
    budget: input.budget - 1 - bulk.length,
    render: (item) => [
      section(
        `*${escapeText(item.integration.name)}* — ${escapeText(item.state)} · ${item.requesters} requester${item.requesters === 1 ? '' : 's'}\n${escapeText(item.detail)}`,
        { raw: true },
      ),
      ...actions(item.actions, input.nextId),
    ],
  });
  return [head, ...items, ...bulk];
}
