import type { App } from '@slack/bolt';
import { z } from 'zod';
import { REQUESTS_CARD_KEY } from '../../../application/dispatch-action.js';
import { reasonProblemWords } from '../../../application/views/refusal-words.js';
import { VERBS } from '../../../application/views/view.js';
import { parseReason } from '../../../domain/reason.js';
import { resolveActor } from '../actors.js';
import { BULK_ACTION } from '../blocks/requests.js';
import { BULK_FORM, DECISION_BLOCK, INPUT_ACTION_ID, renderBulkModal } from '../blocks/surfaces.js';
import { Place, placeOf } from '../clicked.js';
import type { SlackDeps } from '../replies.js';
import { replyPrivately } from '../replies.js';
import { registerSubmission } from './form.js';

const User = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
});
const Clicked = z.looseObject({ user: User, trigger_id: z.string().min(1) });

const Chosen = z.looseObject({ selected_options: z.array(z.looseObject({ value: z.string() })).nullish() });
const Radio = z.looseObject({ selected_option: z.looseObject({ value: z.string() }).nullish() });
const Text = z.looseObject({ value: z.string().nullish() });
const Metadata = z.object({ place: Place });

/** The bulk form's values: the chosen request ids, the decision's verb, the reason; field errors for the modal. */
export function readBulkForm(values: Record<string, Record<string, unknown>>) {
  const chosen = Chosen.safeParse(values.requests?.[INPUT_ACTION_ID]);
  const radio = Radio.safeParse(values[DECISION_BLOCK]?.[INPUT_ACTION_ID]);
  const text = Text.safeParse(values.bulkReason?.[INPUT_ACTION_ID]);
  const requests = chosen.success ? (chosen.data.selected_options ?? []).map((o) => o.value) : [];
  const verb = radio.success ? radio.data.selected_option?.value : undefined;
  const reason = text.success ? (text.data.value ?? '') : '';
  const errors: Record<string, string> = {};
  // A denial needs its reason, an approval none; a reason given is held to the reason rule either way.
  const checked = reason.trim() ? parseReason(reason) : null;
  if (checked && !checked.ok) errors.bulkReason = reasonProblemWords(checked.problem);
  else if (!checked && verb === VERBS.denySelected) errors.bulkReason = reasonProblemWords('reason-required');
  return { verb, inputs: { requests, bulkReason: reason }, errors };
}

/**
 * The requests message's "Decide several…": a modal with the pending requests as the engine shows them to
 * this person now (a member is told why not instead); its submission decides each chosen request on its own.
 */
export function registerBulk(app: App, deps: SlackDeps): void {
  app.action(BULK_ACTION, async ({ ack, body }) => {
    await ack();
    const parsed = Clicked.safeParse(body);
    if (!parsed.success) return;
    const { user, trigger_id } = parsed.data;
    const actor = await resolveActor(deps, { userId: user.id, fallback: user.name ?? user.username });
    const place = placeOf(body as Parameters<typeof placeOf>[0]);
    const view = deps.engine.viewCard({ actor, cardKey: REQUESTS_CARD_KEY });
    if (view?.kind === 'requestList' && view.bulk) {
      const privateMetadata = JSON.stringify({ place } satisfies z.infer<typeof Metadata>);
      await deps.client.views.open({
        trigger_id,
        view: renderBulkModal({ form: view.bulk, privateMetadata }),
      });
      return;
    }
    await replyPrivately(deps, {
      userId: user.id,
      responseUrl: place.responseUrl,
      views: view ? [view] : [],
    });
  });

  registerSubmission(app, deps, {
    callbackId: BULK_FORM,
    metadata: Metadata,
    read: (values) => {
      const { verb, inputs, errors } = readBulkForm(values);
      return { verb: verb ?? '', data: {}, inputs, errors };
    },
  });
}
