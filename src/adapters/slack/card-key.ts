import { requestCardKey } from '../../application/views/request-views.js';

/** The card key a clicked action belongs to, from the ids it carries. */
export function cardKeyOfData(data: Record<string, string>): string | null {
  return data.requestId ? requestCardKey(data.requestId) : null;
}
