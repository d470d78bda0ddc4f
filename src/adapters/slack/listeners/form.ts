import type { App } from '@slack/bolt';
import { z } from 'zod';
import { reasonProblemWords } from '../../../application/views/refusal-words.js';
import { parseReason } from '../../../domain/reason.js';
import { resolveActor } from '../actors.js';
import { ACTION_FORM, INPUT_ACTION_ID } from '../blocks/surfaces.js';
import { applyActionReply, originOfPlace, Place } from '../clicked.js';
import type { SlackDeps } from '../replies.js';

/** What an action form remembers in private_metadata: the action and where it was clicked. */
export const FormMetadata = z.object({
  verb: z.string().min(1),
  data: z.record(z.string(), z.string()),
  place: Place,
});
export type FormMetadata = z.infer<typeof FormMetadata>;

const Submission = z.looseObject({
  user: z.looseObject({
    id: z.string().min(1),
    name: z.string().optional(),
    username: z.string().optional(),
  }),
  view: z.looseObject({
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});

const TextValue = z.looseObject({ value: z.string().nullish() });
const ChoiceValue = z.looseObject({
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
});

/** The form's inputs by block id (`reason` text, `groups` choices), and field errors for the modal. */
export function readForm(values: Record<string, Record<string, unknown>>): {
  inputs: Record<string, unknown>;
  errors: Record<string, string>;
} {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const reason = TextValue.safeParse(values.reason?.[INPUT_ACTION_ID]);
  if (values.reason) {
    const checked = parseReason(reason.success ? (reason.data.value ?? '') : '');
    if (checked.ok) inputs.reason = checked.reason;
    else errors.reason = reasonProblemWords(checked.problem);
  }
  const groups = ChoiceValue.safeParse(values.groups?.[INPUT_ACTION_ID]);
  if (values.groups) {
    const chosen = groups.success ? (groups.data.selected_options ?? []).map((o) => o.value) : [];
    if (!chosen.length) errors.groups = 'Choose at least one group.';
    else inputs.groups = chosen;
  }
  return { inputs, errors };
}

/** A modal's private_metadata read with its schema; null when it is not what this modal wrote. */
function parseMetadata<M extends z.ZodType>(schema: M, text: string): z.infer<M> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A modal's submission: its metadata and values read (`read` answers the action and field errors),
 * errors shown in the modal, otherwise the engine runs the action and its reply goes where the
 * modal was opened from. Both the action form and the bulk form submit through it.
 */
export function registerSubmission<M extends z.ZodType<{ place: Place }>>(
  app: App,
  deps: SlackDeps,
  input: {
    callbackId: string;
    metadata: M;
    read: (
      values: Record<string, Record<string, unknown>>,
      metadata: z.infer<M>,
    ) => {
      verb: string;
      data: Record<string, string>;
      inputs: Record<string, unknown>;
      errors: Record<string, string>;
    };
  },
): void {
  app.view(input.callbackId, async ({ ack, body }) => {
    const parsed = Submission.safeParse(body);
    const metadata = parsed.success ? parseMetadata(input.metadata, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !metadata) {
      await ack();
      return;
    }
    const { verb, data, inputs, errors } = input.read(parsed.data.view.state.values, metadata);
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const user = parsed.data.user;
    const actor = await resolveActor(deps, { userId: user.id, fallback: user.name ?? user.username });
    const reply = await deps.engine.handleAction({
      actor,
      origin: originOfPlace(metadata.place, user.id),
      verb,
      data,
      inputs,
    });
    await applyActionReply(deps, { reply, place: metadata.place, actor, userId: user.id });
  });
}

/** Submission of an action form: field errors stay in the modal; otherwise the engine runs the action. */
export function registerForm(app: App, deps: SlackDeps): void {
  registerSubmission(app, deps, {
    callbackId: ACTION_FORM,
    metadata: FormMetadata,
    read: (values, metadata) => ({ verb: metadata.verb, data: metadata.data, ...readForm(values) }),
  });
}
