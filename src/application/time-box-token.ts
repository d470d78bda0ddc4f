import { z } from 'zod';
import type { TimeBox } from '../domain/time-box.js';

/** How a card carries a time box: `none`, `days:<N>` or `until:<YYYY-MM-DD>` (checked again when used). */
export const TimeBoxToken = z
  .string()
  .regex(/^(none|days:\d{1,5}|until:\d{4}-\d{2}-\d{2})$/, 'none, days:<N> or until:<YYYY-MM-DD>');

export function timeBoxToToken(box: TimeBox | null): string {
  if (!box) return 'none';
  return box.kind === 'days' ? `days:${box.days}` : `until:${box.date}`;
}

/** A token read back; `none` is no end. Only call it with a token the schema accepted. */
export function tokenToTimeBox(token: string): TimeBox | null {
  if (token.startsWith('days:')) return { kind: 'days', days: Number(token.slice('days:'.length)) };
  if (token.startsWith('until:')) return { kind: 'until', date: token.slice('until:'.length) };
  return null;
}

/** What the approval step offers: no end, 30 days, 90 days, a year (and the typed one when it is none of them). */
export const APPROVAL_CHOICES: readonly TimeBox[] = [
  { kind: 'days', days: 30 },
  { kind: 'days', days: 90 },
  { kind: 'days', days: 365 },
];

/** What Extend offers; the first is preselected. */
export const EXTENSION_CHOICES: readonly TimeBox[] = [
  { kind: 'days', days: 30 },
  { kind: 'days', days: 90 },
  { kind: 'days', days: 365 },
];
