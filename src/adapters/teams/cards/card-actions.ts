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

function button(action: ViewAction, mode: ActionMode): CardJson {
  const submit = { type: 'Action.Submit', ...common(action), data: submitData(action) };
  if (mode === 'submit') return submit;
  return {
    type: 'Action.Execute',
    ...common(action),
    verb: action.verb,
    data: { ...action.data },
    fallback: submit,
  };
}

function inputElement(input: ActionField): CardJson {
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

export function cardActions(actions: readonly ViewAction[] | undefined, mode: ActionMode): CardJson[] {
  return (actions ?? []).map((action) => cardAction(action, mode));
}

/** A link button (consent, authorise, download): opens the browser, the bot is not called. */
export function openUrl(title: string, url: string): CardJson {
  return { type: 'Action.OpenUrl', title, url };
}
