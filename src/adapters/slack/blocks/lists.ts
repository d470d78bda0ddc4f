import type {
  DeadlineNoticeView,
  DirectoryView,
  ListView,
  ReportView,
} from '../../../application/views/view.js';
import type { KnownBlock } from './kit.js';
import { actions, context, escapeText, fitItems, header, section } from './kit.js';

type Ids = (verb: string) => string;
type Budgeted = { nextId: Ids; budget: number };

export function directoryBlocks(view: DirectoryView, input: Budgeted): KnownBlock[] {
  const head = header('Integration directory');
  if (!view.items.length) return [head, section('The directory is empty.')];
  const items = fitItems({
    items: view.items,
    budget: input.budget - 1,
    render: (item) => [
      section(
        `*${escapeText(item.integration.name)}* (${escapeText(item.integration.vendor)}) — ${escapeText(item.status)}\n${escapeText(item.description)}\n_${escapeText(item.review)}_`,
        { raw: true },
      ),
      ...actions(item.actions, input.nextId),
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
        `*${escapeText(row.integration.name)}* — ${escapeText(row.state)}\nGroups: ${escapeText(row.groups)}\nPermissions: ${escapeText(row.permissions.join(', ') || 'none')}`,
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
