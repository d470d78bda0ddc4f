import type { CatalogEntry, Review } from '../../domain/catalog.js';
import type { IntegrationRef, MessageView, Tone } from './view.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per style and zone: building an Intl.DateTimeFormat costs far more than using one. */
function formatter(style: 'dateTime' | 'date' | 'dayMonth' | 'time', timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const date = { day: 'numeric', month: 'short', year: 'numeric' } as const;
    const time = { hour: '2-digit', minute: '2-digit' } as const;
    const options =
      style === 'date'
        ? date
        : style === 'dayMonth'
          ? ({ day: 'numeric', month: 'short' } as const)
          : style === 'time'
            ? time
            : { ...date, ...time };
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "22 Nov 2026, 10:42" in the account's time zone. */
export function formatDateTime(iso: string | Date, timeZone: string): string {
  return formatter('dateTime', timeZone).format(new Date(iso));
}

/** "22 Nov 2026" in the account's time zone. */
export function formatDate(iso: string | Date, timeZone: string): string {
  return formatter('date', timeZone).format(new Date(iso));
}

/** "31 Mar 2027" for a calendar day written YYYY-MM-DD (already in the account's time zone). */
export function formatDay(day: string): string {
  return formatter('date', 'UTC').format(new Date(`${day}T12:00:00Z`));
}

/** "22 Nov" in the account's time zone, for button titles that must stay short (the card shows the year). */
export function formatDayMonth(iso: string | Date, timeZone: string): string {
  return formatter('dayMonth', timeZone).format(new Date(iso));
}

/** "10:42" in the account's time zone. */
export function formatTime(iso: string | Date, timeZone: string): string {
  return formatter('time', timeZone).format(new Date(iso));
}

export function refOf(entry: CatalogEntry): IntegrationRef {
  return { id: entry.id, name: entry.name, vendor: entry.vendor };
}

export function reviewLabel(review: Review, timeZone: string): string {
  if (review.state === 'passed') return 'Review passed';
  const when = review.deadline ? `; deadline ${formatDate(review.deadline, timeZone)}` : '';
  return review.state === 'pending' ? `Review pending${when}` : `Review failed${when}`;
}

export function message(tone: Tone, text: string, lines?: string[]): MessageView {
  return lines?.length ? { kind: 'message', tone, text, lines } : { kind: 'message', tone, text };
}
