import type { SlackCall } from './slack-api.js';

/**
 * Slack's documented Block Kit limits, as Slack enforces them when a message or view is
 * sent (`invalid_blocks` otherwise): 50 blocks a message, 100 a view, 3,000 characters a
 * text, 150 a header, 75 a button label, 2,000 a button value, 25 elements an actions block,
 * 10 a context block, 255 a block id, and action ids unique across the message's buttons.
 */
const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  blockId: 255,
  modalTitle: 24,
  privateMetadata: 3000,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObj(v) && typeof v.text === 'string' ? v.text : '');

function elementProblems(el: Obj, where: string, actionIds: Set<string>): string[] {
  const out: string[] = [];
  if (el.type === 'button') {
    if (textOf(el.text).length > MAX.buttonText) out.push(`${where}: button text over ${MAX.buttonText}`);
    if (typeof el.value === 'string' && el.value.length > MAX.buttonValue)
      out.push(`${where}: button value of ${el.value.length} characters`);
  }
  if (typeof el.action_id === 'string') {
    if (actionIds.has(el.action_id)) out.push(`${where}: duplicate action_id ${el.action_id}`);
    actionIds.add(el.action_id);
  }
  return out;
}

function blockProblems(block: Obj, where: string, actionIds: Set<string>): string[] {
  const out: string[] = [];
  if (typeof block.block_id === 'string' && block.block_id.length > MAX.blockId)
    out.push(`${where}: block_id over ${MAX.blockId}`);
  const text = textOf(block.text);
  const max = block.type === 'header' ? MAX.header : MAX.text;
  if (text.length > max) out.push(`${where}: ${String(block.type)} text of ${text.length} characters`);
  if (block.type === 'section' && !text && !Array.isArray(block.fields))
    out.push(`${where}: section without text`);
  const elements = Array.isArray(block.elements) ? block.elements.filter(isObj) : [];
  if (block.type === 'actions') {
    if (!elements.length || elements.length > MAX.actionsElements)
      out.push(`${where}: actions block with ${elements.length} elements`);
    for (const [i, el] of elements.entries())
      out.push(...elementProblems(el, `${where}.elements[${i}]`, actionIds));
  }
  if (block.type === 'context') {
    if (!elements.length || elements.length > MAX.contextElements)
      out.push(`${where}: context block with ${elements.length} elements`);
    for (const el of elements)
      if (textOf(el).length > MAX.text) out.push(`${where}: context text over ${MAX.text}`);
  }
  if (isObj(block.accessory)) out.push(...elementProblems(block.accessory, `${where}.accessory`, actionIds));
  return out;
}

/** Problems of one list of blocks (one message, unfurl or view). */
export function blocksProblems(blocks: unknown, input: { maxBlocks: number; where: string }): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return [`${input.where}: blocks is not an array`];
  const out: string[] = [];
  if (blocks.length > input.maxBlocks) out.push(`${input.where}: ${blocks.length} blocks`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    if (!isObj(block)) {
      out.push(`${input.where}[${i}]: not an object`);
      continue;
    }
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) out.push(`${input.where}[${i}]: duplicate block_id`);
      blockIds.add(block.block_id);
    }
    out.push(...blockProblems(block, `${input.where}[${i}]`, actionIds));
  }
  return out;
}

function viewProblems(view: unknown, where: string): string[] {
  if (!isObj(view)) return [`${where}: view is not an object`];
  const out = blocksProblems(view.blocks, { maxBlocks: MAX.viewBlocks, where: `${where}.blocks` });
  for (const key of ['title', 'submit', 'close'])
    if (textOf(view[key]).length > MAX.modalTitle) out.push(`${where}.${key} over ${MAX.modalTitle}`);
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > MAX.privateMetadata)
    out.push(`${where}.private_metadata over ${MAX.privateMetadata}`);
  return out;
}

/** Every breach of Slack's limits in one recorded call; empty when Slack would accept it. */
export function callProblems(call: SlackCall): string[] {
  const where = call.method;
  const args = call.args;
  if (call.method === 'views.open' || call.method === 'views.publish' || call.method === 'views.update')
    return viewProblems(args.view, `${where}.view`);
  if (call.method === 'chat.unfurl') {
    const unfurls = isObj(args.unfurls) ? args.unfurls : {};
    return Object.entries(unfurls).flatMap(([url, u]) =>
      blocksProblems(isObj(u) ? u.blocks : undefined, {
        maxBlocks: MAX.messageBlocks,
        where: `${where}[${url}]`,
      }),
    );
  }
  const out = blocksProblems(args.blocks, { maxBlocks: MAX.messageBlocks, where: `${where}.blocks` });
  if (typeof args.text === 'string' && args.text.length > MAX.text)
    out.push(`${where}.text of ${args.text.length} characters`);
  return out;
}

/** Every breach of Slack's limits in what the bot sent. */
export function limitProblems(calls: readonly SlackCall[]): string[] {
  return calls.flatMap(callProblems);
}
