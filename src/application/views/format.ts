import type { CatalogEntry, Review } from '../../domain/catalog.js';
import type { IntegrationRef, MessageView, Tone } from './view.js';

/** "22 Nov 2026, 10:42" in the account's time zone. */
export function formatDateTime(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "22 Nov 2026" in the account's time zone. */
export function formatDate(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** "10:42" in the account's time zone. */
export function formatTime(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
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
