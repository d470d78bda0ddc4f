import type { PendingPermissionChange, PermissionChangeDone, PermissionChangesDone } from '../outcomes.js';
import { message } from './format.js';
import type { ListView, MessageView, ViewAction } from './view.js';
import { VERBS } from './view.js';

const listed = (permissions: readonly string[]) => (permissions.length ? permissions.join('; ') : 'nothing');

/** "Added: …" and "Removed: …", exactly as the catalog words them. */
export function permissionDiffLines(change: { added: string[]; removed: string[] }): string[] {
  return [`Added: ${listed(change.added)}`, `Removed: ${listed(change.removed)}`];
}

function decisionActions(change: PendingPermissionChange): ViewAction[] {
  const data = { integrationId: change.integration.id, set: change.hash };
  return [
    { verb: VERBS.approvePermissionChange, label: 'Approve change', data, style: 'positive' },
    { verb: VERBS.refusePermissionChange, label: 'Disable', data, style: 'destructive' },
  ];
}

/** The admin card of one permission change (docs/product.md#permission-changes). */
export function permissionChangeNotice(change: PendingPermissionChange): MessageView {
  return {
    kind: 'message',
    tone: 'warning',
    text: `${change.integration.name} now asks for more than admins approved. Approve the change, or disable it.`,
    lines: permissionDiffLines(change),
    actions: decisionActions(change),
  };
}

/** `changes`: every pending permission change with its decision buttons. */
export function permissionChangeListView(done: PermissionChangesDone): ListView {
  return {
    kind: 'list',
    title: 'Permission changes waiting for a decision',
    empty: 'No enabled integration asks for more than admins approved.',
    items: done.changes.map((change) => ({
      title: change.integration.name,
      detail: permissionDiffLines(change).join(' · '),
      actions: decisionActions(change),
    })),
  };
}

/** What the deciding admin sees in place of the card. */
export function permissionChangeDoneView(done: PermissionChangeDone): MessageView {
  const name = done.integration.name;
  return done.result === 'approved'
    ? message(
        'success',
        `Approved the permission change of ${name}: what it asks for now is what admins approved.`,
        permissionDiffLines(done),
      )
    : message(
        'success',
        `Disabled ${name} instead of approving its new permissions. Enabling it again approves them.`,
        permissionDiffLines(done),
      );
}
