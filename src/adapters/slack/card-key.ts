import { requestCardKey } from '../../application/views/request-views.js';
import type { View } from '../../application/views/view.js';

/** The card key of a view that is kept up to date in place, or null. */
export function cardKeyOf(view: View): string | null {
  return view.kind === 'requestNotice' ? requestCardKey(view.requestId) : null;
}

/** The card key a clicked action belongs to, from the ids it carries. */
export function cardKeyOfData(data: Record<string, string>): string | null {
  return data.requestId ? requestCardKey(data.requestId) : null;
}
