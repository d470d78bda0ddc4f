import { DIRECTORY_ORDER } from '../../../application/views/directory-view.js';
import type {
  DeadlineNoticeView,
  DirectoryState,
  DirectoryView,
  ListView,
  ReportView,
} from '../../../application/views/view.js';
import type { KnownBlock } from './kit.js';
import {
  actions,
  context,
  entrySection,
  escapeText,
  fitItems,
  header,
  nameAndVendor,
  section,
} from './kit.js';

type Ids = (verb: string) => string;
type Budgeted = { nextId: Ids; budget: number };

const DIRECTORY_HEADING: Record<DirectoryState, string> = {
  'review-disabled': 'Turned off by their review',
  on: 'On',
  off: 'Off',
  requested: 'Requested',
  available: 'Available',
  blocked: 'Blocked',
};

/**
 * The directory grouped by state, one section per entry with its actions in a menu beside it: one block an
 * entry instead of two, and no row of buttons to wrap on a phone.
 */
export function directoryBlocks(view: DirectoryView, input: Budgeted): KnownBlock[] {
  const head = header('Integration directory');
  if (!view.items.length) return [head, section('The directory is empty.')];
  const rows: { heading: string | null; item: DirectoryView['items'][number] }[] = [];
  for (const state of DIRECTORY_ORDER) {
    const items = view.items.filter((i) => i.state === state);
    items.forEach((item, i) => {
      rows.push({ heading: i === 0 ? `${DIRECTORY_HEADING[state]} (${items.length})` : null, item });
    });
  }
  const items = fitItems({
    items: rows,
    budget: input.budget - 1,
    render: ({ heading, item }) => [
      ...(heading ? [context([heading])] : []),
      entrySection(
        `${nameAndVendor(item.integration)} — ${escapeText(item.status)}\n${escapeText(item.description)}`,
        item.actions,
        input.nextId,
      ),
    ],
  });
  return [head, ...items];
}

export function reportBlocks(view: ReportView, input: Budgeted): KnownBlock[] {
  const head = header('Permissions and data');
  if (!view.rows.length) return [head, section('No integration is installed.')];
  const rows = fitItems({
    items: view.rows,
    budget: input.budget - 1,
    render: (row) => [
      section(
        `*${escapeText(row.integration.name)}* — ${escapeText(row.state)}${row.groups ? `\nGroups: ${escapeText(row.groups)}` : ''}\nPermissions: ${escapeText(row.permissions.join(', ') || 'none')}`,
        { raw: true },
      ),
      context([`Last change: ${row.lastChange}`]),
    ],
  });
  return [head, ...rows];
}

export function listBlocks(view: ListView, input: Budgeted): KnownBlock[] {
  const head = header(view.title);
  if (!view.items.length) return [head, section(view.empty)];
  const items = fitItems({
    items: view.items,
    budget: input.budget - 1,
    render: (item) => [
      section(`*${escapeText(item.title)}*${item.detail ? `\n${escapeText(item.detail)}` : ''}`, {
        raw: true,
      }),
      ...actions(item.actions, input.nextId),
    ],
  });
  return [head, ...items];
}

export function deadlineBlocks(view: DeadlineNoticeView, input: Budgeted): KnownBlock[] {
  const head = [header(view.title), section(view.text)];
  const items = fitItems({
    items: view.items,
    budget: input.budget - head.length,
    render: (item) => [
      section(
        `*${escapeText(item.integration.name)}* — ${escapeText(item.status)}\n${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left · final deadline ${escapeText(item.deadline)}`,
        { raw: true },
      ),
      ...actions(item.actions, input.nextId),
    ],
  });
  return [...head, ...items];
}
