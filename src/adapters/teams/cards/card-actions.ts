import type { ActionField, ViewAction } from '../../../application/views/view.js';

/** A card action or element as Adaptive Card JSON. */
export type CardJson = Record<string, unknown>;

/**
 * `universal`: Action.Execute (Universal Actions, card version 1.4+) with an Action.Submit fallback for older
 * clients. `submit`: Action.Submit only, for cards that must stay at version 1.3 (link unfurls, whose buttons
 * reach the bot as `composeExtension/onCardButtonClicked` invokes).
 */
export type ActionMode = 'universal' | 'submit';

/** The payload an Action.Submit carries: the verb beside the ids, as the Teams adapter expects. */
export function submitData(action: ViewAction): Record<string, string> {
  return { verb: action.verb, ...action.data };
}

function common(action: ViewAction, title = action.label): CardJson {
  return action.style ? { title, style: action.style } : { title };
}

function button(action: ViewAction, mode: ActionMode, sendsInputs = !!action.inputs?.length): CardJson {
  // A button without inputs of its own sends none: a required input elsewhere on the card (a Deny reason,
  // a group choice) must not block it, and stray values must not ride along with it.
  const inputs = sendsInputs ? {} : { associatedInputs: 'none' };
  const submit = { type: 'Action.Submit', ...common(action), data: submitData(action), ...inputs };
  if (mode === 'submit') return submit;
  return {
    type: 'Action.Execute',
    ...common(action),
    verb: action.verb,
    data: { ...action.data },
    ...inputs,
    fallback: submit,
  };
}

export function inputElement(input: ActionField): CardJson {
  const base = { id: input.id, label: input.label, isRequired: input.required };
  if (input.kind === 'text') {
    return {
      type: 'Input.Text',
      ...base,
      isMultiline: true,
      maxLength: input.maxLength,
      errorMessage: `${input.required ? 'Required, at most' : 'At most'} ${input.maxLength} characters.`,
    };
  }
  return {
    type: 'Input.ChoiceSet',
    ...base,
    isMultiSelect: true,
    style: 'expanded',
    choices: input.choices.map((choice) => ({ title: choice.title, value: choice.value })),
    errorMessage: 'Choose at least one.',
  };
}

/**
 * One view action as a card action. An action with inputs opens a ShowCard holding the inputs and the real
 * button, so the values (ids `reason`, `groups`) are submitted with it and nothing else on the card is.
 */
export function cardAction(action: ViewAction, mode: ActionMode): CardJson {
  if (!action.inputs?.length) return button(action, mode);
  return {
    type: 'Action.ShowCard',
    ...common(action),
    card: { type: 'AdaptiveCard', body: action.inputs.map(inputElement), actions: [button(action, mode)] },
  };
}

/** A button that sends the card's own inputs with it (a picker's chosen id joins its data). */
export function inputButton(action: ViewAction, mode: ActionMode): CardJson {
  return button(action, mode, true);
}

/** The title of the menu holding secondary actions. */
export const MORE_TITLE = 'More';

/**
 * A secondary action inside the "More" card: its inputs, then its button alone on its row, so a long title
 * ("Approve for chosen groups") gets the card's whole width instead of sharing a row and being cut.
 */
function menuEntry(action: ViewAction, mode: ActionMode): CardJson[] {
  return [...(action.inputs ?? []).map(inputElement), { type: 'ActionSet', actions: [button(action, mode)] }];
}

/**
 * View actions as card actions: the primary ones as buttons (an action with inputs opens them first), the
 * secondary ones gathered behind one "More" button, each on its own row. Action.ShowCard rather than the
 * overflow menu (`mode: secondary`) because Teams and the renderer both draw it, inputs included.
 */
export function cardActions(actions: readonly ViewAction[] | undefined, mode: ActionMode): CardJson[] {
  const list = actions ?? [];
  const primary = list.filter((a) => !a.secondary).map((action) => cardAction(action, mode));
  const secondary = list.filter((a) => a.secondary);
  if (!secondary.length) return primary;
  const more = {
    type: 'Action.ShowCard',
    title: MORE_TITLE,
    card: { type: 'AdaptiveCard', body: secondary.flatMap((a) => menuEntry(a, mode)) },
  };
  return [...primary, more];
}

/** A link button (consent, authorise, download): opens the browser, the bot is not called. */
export function openUrl(title: string, url: string): CardJson {
  return { type: 'Action.OpenUrl', title, url };
}
