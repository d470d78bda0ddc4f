import { z } from 'zod';
import type { ActionReply } from '../../../application/engine.js';
import { VERBS, type View } from '../../../application/views/view.js';
import { actorOf, originOf } from '../identity.js';
import type { CardAction } from './action-value.js';
import type { Turn } from './turn.js';

const RefreshData = z.object({ cardKey: z.string().min(1).max(200) });

/** The card shown when a click cannot be read or is refused before reaching the engine. */
export function errorView(text: string): View {
  return { kind: 'message', tone: 'error', text };
}

export const UNREADABLE =
  'This card action could not be read, so nothing was changed. Try the command again in chat.';

function refresh(turn: Turn, action: CardAction): ActionReply {
  const data = RefreshData.safeParse(action.data);
  if (!data.success) return { card: errorView(UNREADABLE), views: [], refused: true };
  const card = turn.engine.viewCard({
    actor: actorOf(turn.activity),
    origin: originOf(turn.activity),
    cardKey: data.data.cardKey,
  });
  if (!card) return { card: errorView('This card is no longer available.'), views: [], refused: true };
  return { card, views: [], refused: false };
}

/**
 * Runs a card click through the engine: `refreshCard` and `refreshCountdown` (the days left of a
 * deadline card or a time-box heads-up) ask for the card as of now for this viewer, any other verb acts.
 */
export async function runCardAction(turn: Turn, action: CardAction | null): Promise<ActionReply> {
  if (!action) return { card: errorView(UNREADABLE), views: [], refused: true };
  if (action.verb === VERBS.refreshCard || action.verb === VERBS.refreshCountdown)
    return refresh(turn, action);
  return turn.engine.handleAction({
    actor: actorOf(turn.activity),
    origin: originOf(turn.activity),
    verb: action.verb,
    data: action.data,
    inputs: action.inputs,
  });
}
