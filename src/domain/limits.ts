/**
 * How long each stored text may be (docs/product.md#safety-and-data): the state schema refuses a longer one when the
 * data file is loaded, so every edge that lets such a text in shortens or refuses it first,
 * with these same numbers.
 */

/** Characters of a platform id after its prefix (`slack:`, `teams:`, `console:`). */
export const MAX_ID_LENGTH = 400;

/** A person's or a conversation's display name; longer ones are cut with an ellipsis. */
export const MAX_NAME_LENGTH = 200;

/** A group's name, as typed in `group create`. */
export const MAX_GROUP_NAME_LENGTH = 80;

/** A reason given with a request or a denial, or why a conversation stopped working. */
export const MAX_REASON_LENGTH = 500;

/** Requests one bulk decision (`approve a, b`, the requests card's selection) decides at most. */
export const MAX_BULK_DECISIONS = 25;

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters, ending with an ellipsis when it was cut; a surrogate
 * pair is never split, so the result is still well-formed text.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

/** A display name as it may be stored: trimmed, shortened, null when empty. */
export function storableName(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  return trimmed ? shorten(trimmed, MAX_NAME_LENGTH) : null;
}
