import type { types } from '@slack/bolt';
import type { ActionField, ViewAction } from '../../../application/views/view.js';
import { hasInlineChoice } from '../../../application/views/view.js';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type Overflow = types.Overflow;

/** Slack's documented Block Kit limits. */
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  text: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  overflowOptions: 5,
  optionText: 75,
  optionValue: 150,
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

/** The action id of an overflow menu: its options carry their own verbs, so the id names none. */
export const MENU_ACTION = 'menu';

function buttonValueOf(action: ViewAction): string {
  return JSON.stringify({ verb: action.verb, data: action.data } satisfies ButtonValue);
}

/**
 * Secondary actions as one overflow menu ("⋯"), or null when none fits: Slack takes at most five options,
 * titles of 75 characters and values of 150, so an action whose ids do not fit is left out, as a button
 * whose value is too long is.
 */
export function overflow(list: readonly ViewAction[], nextId: (verb: string) => string): Overflow | null {
  const options = list
    .filter((a) => buttonValueOf(a).length <= LIMITS.optionValue)
    .slice(0, LIMITS.overflowOptions)
    .map((a) => ({
      text: { type: 'plain_text' as const, text: clip(a.label, LIMITS.optionText), emoji: true },
      value: buttonValueOf(a),
    }));
  return options.length ? { type: 'overflow', action_id: nextId(MENU_ACTION), options } : null;
}

/** The action id of a choice shown beside its button: a click reads it from the message's state, it runs nothing. */
export const CHOICE_ACTION = 'choice';

/**
 * One preselected choice (a duration) as a labelled static select; its block id is the input's id, so
 * the click on the button beside it finds the value in the message's `state.values`.
 */
function choiceBlock(input: ActionField, nextId: (verb: string) => string): KnownBlock | null {
  if (input.kind !== 'choice' || !input.choices.length) return null;
  const options = input.choices.slice(0, 100).map((c) => ({
    text: { type: 'plain_text' as const, text: clip(c.title, LIMITS.optionText) },
    value: c.value.slice(0, LIMITS.optionValue),
  }));
  const initial = options.find((o) => o.value === input.value) ?? options[0];
  return {
    type: 'section',
    block_id: input.id,
    text: { type: 'mrkdwn', text: `*${escapeText(input.label)}*` },
    accessory: {
      type: 'static_select',
      action_id: nextId(CHOICE_ACTION),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * Actions blocks for a list of view actions: the primary ones as buttons (25 a block), the secondary ones
 * behind one overflow menu after them, so a phone shows a short row instead of wrapping long titles. A
 * button whose input is one preselected choice gets the choice as a select above the row.
 */
export function actions(
  list: readonly ViewAction[] | undefined,
  nextId: (verb: string) => string,
): KnownBlock[] {
  const all = list ?? [];
  const choices = all
    .filter(hasInlineChoice)
    .flatMap((a) => a.inputs ?? [])
    .map((input) => choiceBlock(input, nextId))
    .filter((b): b is KnownBlock => b !== null);
  const buttons = all
    .filter((a) => !a.secondary)
    .map((a) => button(a, nextId))
    .filter((b): b is Button => b !== null);
  const menu = overflow(
    all.filter((a) => a.secondary),
    nextId,
  );
  const elements: (Button | Overflow)[] = [...buttons, ...(menu ? [menu] : [])];
  const blocks: KnownBlock[] = [...choices];
  for (let i = 0; i < elements.length; i += LIMITS.actionsPerBlock) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsPerBlock) });
  }
  return blocks;
}

/**
 * A list entry as one section: its text, and its actions beside it (one button, or a menu of several),
 * instead of a row of buttons under every entry.
 */
export function entrySection(
  text: string,
  list: readonly ViewAction[],
  nextId: (verb: string) => string,
): KnownBlock {
  const only = list.length === 1 && list[0] ? button(list[0], nextId) : null;
  const accessory = only ?? (list.length > 1 ? overflow(list, nextId) : null);
  const body = { type: 'mrkdwn' as const, text: clip(text || ' ', LIMITS.text) };
  return accessory ? { type: 'section', text: body, accessory } : { type: 'section', text: body };
}

/** "*Jira* · Atlassian" in mrkdwn; just "*Box*" where the vendor would repeat the name. */
export function nameAndVendor(ref: { name: string; vendor: string }): string {
  const same = !ref.vendor.trim() || ref.vendor.trim().toLowerCase() === ref.name.trim().toLowerCase();
  return same ? `*${escapeText(ref.name)}*` : `*${escapeText(ref.name)}* · ${escapeText(ref.vendor)}`;
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
