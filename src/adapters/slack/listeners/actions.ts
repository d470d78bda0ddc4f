import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Actor } from '../../../application/engine.js';
import type { ViewAction } from '../../../application/views/view.js';
import { VERBS } from '../../../application/views/view.js';
import { resolveActor } from '../actors.js';
import { MENU_ACTION } from '../blocks/kit.js';
import { renderActionModal } from '../blocks/surfaces.js';
import { cardKeyOfData } from '../card-key.js';
import { applyActionReply, originOfPlace, type Place, placeOf } from '../clicked.js';
import type { SlackDeps } from '../replies.js';
import { replyPrivately } from '../replies.js';
import type { FormMetadata } from './form.js';

const KNOWN_VERBS = new Set<string>(Object.values(VERBS));
/** Inputs shown beside a button in the message itself rather than in a form. */
const INLINE_INPUT_IDS = ['ends'] as const;
const ACTION_ID = /^([A-Za-z]+):\d+$/;

const Clicked = z.looseObject({
  user: z.looseObject({
    id: z.string().min(1),
    name: z.string().optional(),
    username: z.string().optional(),
  }),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string(),
        value: z.string().optional(),
        /** An overflow menu's choice carries the value a button would. */
        selected_option: z.looseObject({ value: z.string() }).optional(),
      }),
    )
    .min(1),
  /** The message's stateful elements: a choice shown beside a button (a duration) is read from here. */
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
});

const Selected = z.looseObject({ selected_option: z.looseObject({ value: z.string() }).nullish() });

/** Inline choices of the clicked message by input id (block ids are input ids): `{ ends: 'days:90' }`. */
function inlineInputs(values: Record<string, Record<string, unknown>> | undefined): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const id of INLINE_INPUT_IDS) {
    for (const element of Object.values(values?.[id] ?? {})) {
      const value = Selected.safeParse(element);
      if (value.success && value.data.selected_option) inputs[id] = value.data.selected_option.value;
    }
  }
  return inputs;
}

const ButtonValue = z.object({ verb: z.string().min(1).max(64), data: z.record(z.string(), z.string()) });

function parseValue(value: string | undefined): z.infer<typeof ButtonValue> | null {
  try {
    const parsed = ButtonValue.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const sameData = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** The clicked action as the card shows it to this viewer now, when it asks for inputs first. */
function actionWithInputs(
  deps: SlackDeps,
  input: { actor: Actor; verb: string; data: Record<string, string> },
): ViewAction | null {
  const cardKey = cardKeyOfData(input.data);
  const view = cardKey ? deps.engine.viewCard({ actor: input.actor, cardKey }) : null;
  const list = view && 'actions' in view ? view.actions : [];
  const found = list?.find((a) => a.verb === input.verb && sameData(a.data, input.data));
  return found?.inputs?.length ? found : null;
}

async function openForm(deps: SlackDeps, input: { triggerId: string; action: ViewAction; place: Place }) {
  const metadata = JSON.stringify({
    verb: input.action.verb,
    data: input.action.data,
    place: input.place,
  } satisfies FormMetadata);
  const title = input.action.verb === VERBS.denyRequest ? 'Deny request' : 'Approve request';
  const view = renderActionModal({ action: input.action, title, privateMetadata: metadata });
  await deps.client.views.open({ trigger_id: input.triggerId, view });
}

/**
 * Card buttons (`<verb>:<n>` action ids) and overflow menus (`menu:<n>`): a form first when the action needs
 * inputs, else the engine.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action(ACTION_ID, async ({ ack, body }) => {
    await ack();
    const parsed = Clicked.safeParse(body);
    if (!parsed.success) return;
    const click = parsed.data;
    const clicked = click.actions[0];
    const verbOfId = ACTION_ID.exec(clicked?.action_id ?? '')?.[1] ?? '';
    const fromMenu = verbOfId === MENU_ACTION;
    if (!fromMenu && !KNOWN_VERBS.has(verbOfId)) return;
    const place = placeOf(body as Parameters<typeof placeOf>[0]);
    const userId = click.user.id;
    const actor = await resolveActor(deps, { userId, fallback: click.user.name ?? click.user.username });
    const value = parseValue(fromMenu ? clicked?.selected_option?.value : clicked?.value);
    // A button's id names its verb; a menu's options name theirs, which must still be a known one.
    if (!value || (fromMenu ? !KNOWN_VERBS.has(value.verb) : value.verb !== verbOfId)) {
      const views = [
        {
          kind: 'message' as const,
          tone: 'error' as const,
          text: 'That button could not be read. Nothing was changed.',
        },
      ];
      await replyPrivately(deps, { userId, responseUrl: place.responseUrl, views });
      return;
    }
    const withInputs = actionWithInputs(deps, { actor, verb: value.verb, data: value.data });
    if (withInputs && click.trigger_id) {
      await openForm(deps, { triggerId: click.trigger_id, action: withInputs, place });
      return;
    }
    const origin = originOfPlace(place, userId);
    const reply = await deps.engine.handleAction({
      actor,
      origin,
      verb: value.verb,
      data: value.data,
      inputs: inlineInputs(click.state?.values),
    });
    await applyActionReply(deps, { reply, place, actor, userId });
  });
}
