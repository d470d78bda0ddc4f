import type { View } from '../../../application/views/view.js';
import type { KnownBlock } from './kit.js';
import { clip, createActionIds, LIMITS } from './kit.js';
import { deadlineBlocks, directoryBlocks, listBlocks, reportBlocks } from './lists.js';
import { helpBlocks, linkBlocks, messageBlocks, providerBlocks } from './misc.js';
import {
  decisionResultBlocks,
  permissionsBlocks,
  requestListBlocks,
  requestNoticeBlocks,
  requestReceiptBlocks,
} from './requests.js';

export type { KnownBlock } from './kit.js';

export interface RenderOptions {
  /** Groups the copies of one card; kept in the first block id so a click can name its card. */
  cardKey?: string | null;
  /** 50 for messages (the default), 100 for App Home and modals. */
  maxBlocks?: number;
  /** Shares action-id numbering when several views go on one surface. */
  nextId?: (verb: string) => string;
}

/** Block Kit for a view, within Slack's limits, with a plain-text fallback for notifications. */
export function renderBlocks(
  view: View,
  options: RenderOptions = {},
): { text: string; blocks: KnownBlock[] } {
  const budget = options.maxBlocks ?? LIMITS.messageBlocks;
  const nextId = options.nextId ?? createActionIds();
  const blocks = blocksOf(view, { budget, nextId }).slice(0, budget);
  const first = blocks[0];
  if (first && options.cardKey) first.block_id = clip(`card|${options.cardKey}`, LIMITS.blockId);
  return { text: clip(fallbackText(view), LIMITS.fallbackText), blocks };
}

function blocksOf(view: View, input: { budget: number; nextId: (verb: string) => string }): KnownBlock[] {
  switch (view.kind) {
    case 'message':
      return messageBlocks(view, input.nextId);
    case 'help':
      return helpBlocks(view, input.budget);
    case 'directory':
      return directoryBlocks(view, input);
    case 'permissions':
      return permissionsBlocks(view, input.nextId);
    case 'requestNotice':
      return requestNoticeBlocks(view, input.nextId);
    case 'requestReceipt':
      return requestReceiptBlocks(view);
    case 'decisionResult':
      return decisionResultBlocks(view);
    case 'provider':
      return providerBlocks(view);
    case 'report':
      return reportBlocks(view, input);
    case 'requestList':
      return requestListBlocks(view, input);
    case 'list':
      return listBlocks(view, input);
    case 'link':
      return linkBlocks(view);
    case 'deadlineNotice':
      return deadlineBlocks(view, input);
  }
}

/** One or two sentences standing for the card in notifications and clients without Block Kit. */
export function fallbackText(view: View): string {
  switch (view.kind) {
    case 'message':
      return [view.text, ...(view.lines ?? [])].join('\n');
    case 'help':
      return `Commands: ${view.commands.map((c) => c.usage).join(' · ')}`;
    case 'directory':
      return `Integration directory: ${view.items.map((i) => i.integration.name).join(', ') || 'empty'}`;
    case 'permissions':
      return `${view.integration.name} permissions: ${view.permissions.join(', ') || 'none'}`;
    case 'requestNotice':
      return `Request for ${view.integration.name} from ${view.requesters.map((r) => r.name).join(', ')}${view.waiting ? ` — ${view.waiting}` : ''}${view.decisionLine ? ` — ${view.decisionLine}` : ''}${view.connection ? `. ${view.connection.line}` : ''}`;
    case 'requestReceipt':
    case 'decisionResult':
    case 'provider':
    case 'deadlineNotice':
      return view.kind === 'deadlineNotice' ? `${view.title}: ${view.text}` : view.text;
    case 'report':
      return `Permissions and data: ${view.rows.length} integration${view.rows.length === 1 ? '' : 's'}`;
    case 'requestList':
    case 'list':
      return view.items.length ? `${view.title}: ${view.items.length}` : view.empty;
    case 'link':
      return `${view.title}: ${view.url}`;
  }
}
