import { formatDate } from '../views/format.js';

const cache = new Map<string, string>();

/** `formatDate`, remembered per instant and zone: a pass formats the same few deadlines thousands of times. */
export function deadlineDate(iso: string, timeZone: string): string {
  const key = `${timeZone}|${iso}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = formatDate(iso, timeZone);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, text);
  }
  return text;
}
