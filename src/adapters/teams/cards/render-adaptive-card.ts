import type { View } from '../../../application/views/view.js';
import { countdownOf, VERBS } from '../../../application/views/view.js';
import type { ActionMode, CardJson } from './card-actions.js';
import { cardDataOf } from './card-data.js';
import { makeInputIdsUnique } from './input-ids.js';
import { templateOf } from './templates.js';

/** Teams renders up to 1.5; Universal Actions (Action.Execute, refresh) need 1.4. */
export const CARD_VERSION = '1.5';
/** Link-unfurl cards stay at 1.3 (docs/commands.md#microsoft-teams), so their buttons are Action.Submit. */
export const UNFURL_CARD_VERSION = '1.3';
/** Teams refreshes a card automatically for at most this many listed users. */
export const MAX_REFRESH_USERS = 60;

export interface RenderOptions {
  /** Key of a card the bot keeps up to date; adds a `refresh` so each viewer gets their own view. */
  cardKey: string | null;
  /** Teams user MRIs (`29:…`) to refresh automatically in conversations of more than 60 members. */
  refreshUserIds?: readonly string[];
}

/** How many expanded cards are remembered; the views of one deployment repeat (help, lists, notices). */
const EXPANDED_KEPT = 256;
const expanded = new Map<string, string>();

/**
 * The JSON of views, by object: a card queued to many conversations reaches the renderer as one view
 * object for the whole delivery run (send-to-target.ts), so it is serialised once for the memo's key.
 */
const viewJson = new WeakMap<View, string>();
function jsonOf(view: View): string {
  let json = viewJson.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    viewJson.set(view, json);
  }
  return json;
}

/**
 * Template expansion is a pure function of the view, and the slowest step of rendering, so the
 * result of recent views is kept as JSON text (each caller gets its own fresh copy to change).
 * The oldest entry goes first once the memo is full.
 */
function expand(view: View, mode: ActionMode, version: string): CardJson {
  const key = `${mode}|${version}|${jsonOf(view)}`;
  const known = expanded.get(key);
  if (known !== undefined) return JSON.parse(known) as CardJson;
  const card = templateOf(view.kind).expand({ $root: cardDataOf(view, mode) }) as CardJson;
  const result = { ...makeInputIdsUnique(card), version };
  expanded.set(key, JSON.stringify(result));
  if (expanded.size > EXPANDED_KEPT) expanded.delete(expanded.keys().next().value as string);
  return result;
}

/**
 * Universal Actions refresh: when someone views the card, Teams calls `refreshCard` with the card key and shows
 * them the card the bot answers (admins see the actions, others a read-only state). Without `userIds`, Teams
 * refreshes automatically for everyone only in conversations of at most 60 members. Beyond that it refreshes
 * automatically only for the (at most 60) users in `userIds` and offers the rest a manual Refresh in the
 * message menu. So for a big admin channel the caller lists the admins' MRIs, never the whole roster, and the
 * card as posted (the base card) must already be the read-only version fit for everyone else.
 */
function refreshOf(
  cardKey: string,
  userIds: readonly string[] | undefined,
  verb: string = VERBS.refreshCard,
): CardJson {
  const action = { type: 'Action.Execute', verb, data: { cardKey } };
  const users = [...new Set(userIds ?? [])].slice(0, MAX_REFRESH_USERS);
  return users.length ? { action, userIds: users } : { action };
}

/** A view as an Adaptive Card (version 1.5) for a bot message or an `adaptiveCard/action` answer. */
export function renderAdaptiveCard(view: View, options: RenderOptions): CardJson {
  const card = expand(view, 'universal', CARD_VERSION);
  // A card counting down (deadline, time-box heads-up) asks for itself again when read, so its days left are today's.
  const countdown = countdownOf(view);
  if (countdown)
    return { ...card, refresh: refreshOf(countdown.key, options.refreshUserIds, VERBS.refreshCountdown) };
  if (options.cardKey === null) return card;
  return { ...card, refresh: refreshOf(options.cardKey, options.refreshUserIds) };
}

/**
 * A view as a link-unfurl card (version 1.3, no refresh). Its buttons are Action.Submit carrying
 * `{ verb, ...ids }`: Teams sends them to the bot as `composeExtension/onCardButtonClicked` invokes.
 */
export function renderUnfurlCard(view: View): CardJson {
  return expand(view, 'submit', UNFURL_CARD_VERSION);
}
