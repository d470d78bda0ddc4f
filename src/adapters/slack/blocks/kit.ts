import type { types } from '@slack/bolt';
import type { ViewAction } from '../../../application/views/view.js';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;

/** Slack's documented Block Kit limits. */
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  text: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsPerBlock: 25,
  contextElements: 10,
  blockId: 255,
  fallbackText: 3000,
} as const;

/** Cuts a string to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function header(text: string): KnownBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: clip(text || ' ', LIMITS.headerText), emoji: true },
  };
}

/** A mrkdwn section; the text is escaped unless `raw` says it already is mrkdwn. */
export function section(text: string, options: { raw?: boolean } = {}): KnownBlock {
  const body = options.raw ? text : escapeText(text);
  return { type: 'section', text: { type: 'mrkdwn', text: clip(body || ' ', LIMITS.text) } };
}

export function context(texts: string[]): KnownBlock {
  const elements = texts
    .filter(Boolean)
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: clip(escapeText(t), LIMITS.text) }));
  return { type: 'context', elements: elements.length ? elements : [{ type: 'mrkdwn', text: ' ' }] };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** A bulleted mrkdwn list in one section, cut to Slack's text limit with "and N more". */
export function bullets(lines: string[], options: { raw?: boolean } = {}): KnownBlock {
  const rendered = lines.map((l) => `• ${options.raw ? l : escapeText(l)}`);
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of rendered.entries()) {
    const tail = `\n…and ${rendered.length - i} more`.length;
    if (used + line.length + 1 + tail > LIMITS.text && i < rendered.length) {
      kept.push(`…and ${rendered.length - i} more`);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return section(kept.join('\n'), { raw: true });
}

/** What a button carries: the verb and the ids, nothing else. */
export interface ButtonValue {
  verb: string;
  data: Record<string, string>;
}

/** Hands out action ids `<verb>:<n>`, unique within one message or surface. */
export function createActionIds(): (verb: string) => string {
  let next = 0;
  return (verb) => `${verb}:${next++}`;
}

/** A button for a view action, or null when its value would not fit Slack's limit. */
export function button(action: ViewAction, nextId: (verb: string) => string): Button | null {
  const value = JSON.stringify({ verb: action.verb, data: action.data } satisfies ButtonValue);
  if (value.length > LIMITS.buttonValue) return null;
  const style =
    action.style === 'positive' ? 'primary' : action.style === 'destructive' ? 'danger' : undefined;
  return {
    type: 'button',
    action_id: nextId(action.verb),
    text: { type: 'plain_text', text: clip(action.label, LIMITS.buttonText), emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

/** Actions blocks for a list of view actions (25 buttons a block); empty when there are none. */
export function actions(
  list: readonly ViewAction[] | undefined,
  nextId: (verb: string) => string,
): KnownBlock[] {
  const buttons = (list ?? []).map((a) => button(a, nextId)).filter((b): b is Button => b !== null);
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsPerBlock) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsPerBlock) });
  }
  return blocks;
}

/**
 * Renders list items while they fit in `budget` blocks, keeping one block for an
 * "and N more" line when some are left out.
 */
export function fitItems<T>(input: {
  items: readonly T[];
  budget: number;
  render: (item: T) => KnownBlock[];
}): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (const [i, item] of input.items.entries()) {
    const blocks = input.render(item);
    const isLast = i === input.items.length - 1;
    const room = input.budget - out.length - (isLast ? 0 : 1);
    if (blocks.length > room) {
      out.push(context([`…and ${input.items.length - i} more`]));
      return out;
    }
    out.push(...blocks);
  }
  return out;
}
