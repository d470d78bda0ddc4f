import { blockOf } from '../../domain/block.js';
import type { CatalogEntry } from '../../domain/catalog.js';
import { isEnabledFor, scopeLabel } from '../../domain/install.js';
import { displayName } from '../../domain/people.js';
import type { Install, IntegrationRequest, State } from '../../domain/state.js';
import type { ConnectFacts } from '../outcomes.js';
import { formatDate, formatDayMonth, refOf, reviewLabel } from './format.js';
import type { DirectoryState, DirectoryView, ViewAction } from './view.js';
import { VERBS } from './view.js';

type DirectoryItem = DirectoryView['items'][number];

/** The order the directory groups its entries in: what needs a decision first, what is free, then what is refused. */
export const DIRECTORY_ORDER: readonly DirectoryState[] = [
  'review-disabled',
  'on',
  'off',
  'requested',
  'available',
  'blocked',
];

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** What the bot (or an admin) did to an installed integration, as one sentence. */
function installStatus(input: {
  state: Readonly<State>;
  install: Install;
  entry: CatalogEntry;
  mine: boolean;
  timeZone: string;
  now: Date;
}): { state: DirectoryState; status: string } {
  const { install, entry, timeZone } = input;
  const groups = scopeLabel(input.state, install.scope);
  if (install.status === 'enabled') {
    const yours = input.mine && install.scope.kind === 'groups' ? ' (yours among them)' : '';
    return { state: 'on', status: `On for ${groups}${yours}` };
  }
  const when = formatDate(install.disabledAt ?? install.changedAt, timeZone);
  if (install.disabledBy === 'deadline')
    return {
      state: 'review-disabled',
      status: `Disabled for good on ${when} because its review did not pass`,
    };
  if (install.disabledBy === 'auto-disable') {
    const deadline = entry.review.deadline;
    const keep =
      deadline && Date.parse(deadline) > input.now.getTime()
        ? ` — keep until ${formatDate(deadline, timeZone)}`
        : '';
    return { state: 'review-disabled', status: `Disabled on ${when} because its review did not pass${keep}` };
  }
  if (install.disabledBy === 'permission-change')
    return {
      state: 'off',
      status: `Off since ${when} because its new permissions were not approved (was on for ${groups})`,
    };
  return { state: 'off', status: `Off since ${when} (was on for ${groups})` };
}

/** What the directory adds to an installed entry's status about its connection (nothing without `oauth`). */
function connectSuffix(connect: ConnectFacts): string {
  if (connect.status === 'connected') return '; connected';
  if (connect.status === 'not-connected') return '; not connected';
  if (connect.status === 'not-configured') return '; connect step not configured';
  return '';
}

/** Connect or Disconnect, for system admins, on an entry with a connect step (behind the menu). */
function connectAction(input: {
  entry: CatalogEntry;
  install: Install | undefined;
  isAdmin: boolean;
  connect: ConnectFacts;
}): ViewAction[] {
  const data = { integrationId: input.entry.id };
  if (!input.isAdmin) return [];
  if (input.connect.status === 'connected')
    return [{ verb: VERBS.disconnectIntegration, label: 'Disconnect', data, secondary: true }];
  if (input.connect.status === 'not-connected' && input.install?.status === 'enabled')
    return [{ verb: VERBS.connectIntegration, label: 'Connect', data, secondary: true }];
  return [];
}

function actionsFor(input: {
  entry: CatalogEntry;
  install: Install | undefined;
  open: IntegrationRequest | undefined;
  mine: boolean;
  blocked: boolean;
  isAdmin: boolean;
  now: Date;
  timeZone: string;
}): ViewAction[] {
  const { entry, install } = input;
  const data = { integrationId: entry.id };
  const actions: ViewAction[] = [];
  // A request for it would only be refused with the block's reason, which its line already says.
  if (input.blocked) return [{ verb: VERBS.showPermissions, label: 'Permissions', data, secondary: true }];
  const deadline = entry.review.deadline;
  const keepable =
    input.isAdmin &&
    install?.disabledBy === 'auto-disable' &&
    deadline !== undefined &&
    Date.parse(deadline) > input.now.getTime();
  if (keepable)
    actions.push({
      verb: VERBS.keepIntegration,
      label: `Keep until ${formatDayMonth(deadline, input.timeZone)}`,
      data,
      style: 'positive',
    });
  if (!input.mine)
    actions.push({
      verb: VERBS.requestIntegration,
      label: input.open ? 'Join request' : 'Request',
      data,
      ...(keepable ? { secondary: true } : { style: 'positive' as const }),
    });
  actions.push({ verb: VERBS.showPermissions, label: 'Permissions', data, secondary: true });
  return actions;
}

/** One directory entry as this person sees it: its state in a sentence, and what they can do. */
export function directoryItem(input: {
  state: Readonly<State>;
  entry: CatalogEntry;
  open: IntegrationRequest | undefined;
  /** Where its OAuth connection stands (`none` without an `oauth` block). */
  connect: ConnectFacts;
  myGroups: readonly string[];
  isAdmin: boolean;
  timeZone: string;
  now: Date;
}): DirectoryItem {
  const { state, entry, open } = input;
  const install = state.installs[entry.id];
  const mine = isEnabledFor(install, input.myGroups);
  const block = blockOf(state, entry.id);
  const shown = block
    ? {
        state: 'blocked' as const,
        status: `Blocked by ${displayName(state, block.by)} on ${formatDate(block.at, input.timeZone)}: ${block.reason}`,
      }
    : install
      ? installStatus({ state, install, entry, mine, timeZone: input.timeZone, now: input.now })
      : open
        ? { state: 'requested' as const, status: `Requested by ${people(open.requesters.length)}` }
        : { state: 'available' as const, status: 'Available' };
  const waiting =
    open && shown.state !== 'requested' ? `; requested by ${people(open.requesters.length)}` : '';
  return {
    integration: refOf(entry),
    description: entry.description,
    state: shown.state,
    status: `${shown.status}${install ? connectSuffix(input.connect) : ''}${waiting}`,
    review: reviewLabel(entry.review, input.timeZone),
    actions: [
      ...actionsFor({ ...input, install, mine, blocked: block !== undefined }),
      ...connectAction({ ...input, install }),
    ],
  };
}

/** The directory's entries grouped by state (DIRECTORY_ORDER), catalog order within a group. */
export function directoryView(items: readonly DirectoryItem[]): DirectoryView {
  const rank = (item: DirectoryItem) => DIRECTORY_ORDER.indexOf(item.state);
  return { kind: 'directory', items: [...items].sort((a, b) => rank(a) - rank(b)) };
}
