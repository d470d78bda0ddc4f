import type { ActionField, BulkDecisionForm, View, ViewAction } from '../../../application/views/view.js';
import { renderBlocks } from './index.js';
import type { KnownBlock } from './kit.js';
import { clip, context, createActionIds, divider, LIMITS } from './kit.js';

/** The callback id of every action form; the listener for its submission matches it. */
export const ACTION_FORM = 'action-form';
/** Block ids of form inputs are the input ids; every element answers under this action id. */
export const INPUT_ACTION_ID = 'value';

const MAX_OPTIONS = 100;

function inputBlock(input: ActionField): KnownBlock | null {
  const label = { type: 'plain_text' as const, text: clip(input.label, 2000) };
  if (input.kind === 'text') {
    return {
      type: 'input',
      block_id: input.id,
      label,
      optional: !input.required,
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        multiline: true,
        max_length: Math.min(input.maxLength, 3000),
      },
    };
  }
  if (!input.choices.length) return null;
  return {
    type: 'input',
    block_id: input.id,
    label,
    optional: !input.required,
    element: {
      type: 'multi_static_select',
      action_id: INPUT_ACTION_ID,
      placeholder: { type: 'plain_text', text: 'Choose' },
      options: input.choices.slice(0, MAX_OPTIONS).map((c) => ({
        text: { type: 'plain_text' as const, text: clip(c.title, 75) },
        value: c.value.slice(0, 150),
      })),
    },
  };
}

/** Slack's limit on a modal's submit button. */
const SUBMIT_MAX = 24;

/**
 * The modal's submit title: the action's label, or its first word where the label passes Slack's 24
 * characters ("Approve for chosen groups" → "Approve"; the modal's title and inputs say the rest), so the
 * button never shows a title cut mid-word.
 */
export function submitLabel(label: string): string {
  if (label.length <= SUBMIT_MAX) return label;
  return clip(label.split(/\s+/)[0] ?? label, SUBMIT_MAX);
}

/** The modal asking for an action's inputs (deny reason, chosen groups) before it runs. */
export function renderActionModal(input: { action: ViewAction; title: string; privateMetadata: string }) {
  const blocks = (input.action.inputs ?? []).map(inputBlock).filter((b): b is KnownBlock => b !== null);
  return {
    type: 'modal' as const,
    callback_id: ACTION_FORM,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: clip(input.title, 24) },
    submit: { type: 'plain_text' as const, text: submitLabel(input.action.label) },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks,
  };
}

/** The callback id of the form that decides several requests at once. */
export const BULK_FORM = 'bulk-form';
/** Block id of the bulk form's choice between its actions (Approve selected, Deny selected). */
export const DECISION_BLOCK = 'decision';

/**
 * The modal deciding several requests: the requests to choose (required), the decision (one of the form's
 * actions, the first chosen to begin with) and the one reason for all.
 */
export function renderBulkModal(input: { form: BulkDecisionForm; privateMetadata: string }) {
  const [first] = input.form.actions;
  const options = input.form.actions.map((a) => ({
    text: { type: 'plain_text' as const, text: clip(a.label, 75) },
    value: a.verb,
  }));
  const decision: KnownBlock = {
    type: 'input',
    block_id: DECISION_BLOCK,
    label: { type: 'plain_text', text: 'Decision' },
    element: {
      type: 'radio_buttons',
      action_id: INPUT_ACTION_ID,
      options,
      ...(first ? { initial_option: options[0] } : {}),
    },
  };
  const [choices, ...rest] = input.form.fields.map(inputBlock);
  const blocks = [choices, decision, ...rest].filter((b): b is KnownBlock => !!b);
  return {
    type: 'modal' as const,
    callback_id: BULK_FORM,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: clip(input.form.title, 24) },
    submit: { type: 'plain_text' as const, text: 'Decide' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks,
  };
}

/** App Home: the given views one after another, within the 100 blocks a surface holds. */
export function renderHome(views: readonly View[]): { type: 'home'; blocks: KnownBlock[] } {
  const nextId = createActionIds();
  const blocks: KnownBlock[] = [];
  for (const [i, view] of views.entries()) {
    const room = LIMITS.surfaceBlocks - blocks.length - (i ? 1 : 0) - 1;
    if (room < 2) {
      blocks.push(context([`…and ${views.length - i} more sections`]));
      break;
    }
    if (i) blocks.push(divider());
    blocks.push(...renderBlocks(view, { maxBlocks: room, nextId }).blocks);
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.surfaceBlocks) };
}
