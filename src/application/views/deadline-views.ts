import type { ReviewStatus } from '../../domain/review.js';
import type { Affected } from '../outcomes.js';
import { formatDate, formatDayMonth, refOf } from './format.js';
import type { DeadlineNoticeView, ViewAction } from './view.js';
import { VERBS } from './view.js';

/**
 * Items shown on one card, soonest deadline first; the rest are counted. Twelve rows of about 95 px keep a
 * card drawn at a Teams channel's 450 px under 1,500 px (docs/commands.md#card-buttons).
 */
export const MAX_CARD_ITEMS = 12;

export type DeadlineItem = DeadlineNoticeView['items'][number];

export type { Affected } from '../outcomes.js';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const days = (n: number) => `${n} ${plural(n, 'day', 'days')}`;

function statusLine(status: ReviewStatus, timeZone: string): string {
  const on = (iso: string | null) => (iso ? formatDate(iso, timeZone) : 'an unknown date');
  switch (status.phase) {
    case 'upcoming':
      return `On; disabled on ${on(status.disableAt)} unless kept`;
    case 'kept':
      return `Kept on until ${on(status.deadline)}`;
    case 'auto-disabled':
      return `Disabled on ${on(status.disableAt)}: review not passed`;
    case 'admin-disabled':
      return 'Disabled by an admin';
    case 'disabled-for-good':
      return `Disabled for good on ${on(status.deadline)}`;
    case 'clear':
      return 'Review passed';
  }
}

function actionsFor(a: Affected, timeZone: string): ViewAction[] {
  const data = { integrationId: a.entry.id };
  // "Keep until 3 May", not "Keep using until 3 May 2027": beside "Disable now" on a phone, the longer
  // title is cut; the row above the buttons gives the deadline with its year.
  const keep: ViewAction = {
    verb: VERBS.keepIntegration,
    label: `Keep until ${a.status.deadline ? formatDayMonth(a.status.deadline, timeZone) : ''}`,
    data,
    style: 'positive',
  };
  const disable: ViewAction = {
    verb: VERBS.disableIntegration,
    label: 'Disable now',
    data,
    style: 'destructive',
  };
  if (a.status.phase === 'upcoming' || a.status.phase === 'auto-disabled')
    return a.status.deadline ? [keep, disable] : [disable];
  return a.status.phase === 'kept' ? [disable] : [];
}

/** One row of a deadline card: days left, the deadline in the account's time zone, status and actions. */
export function deadlineItem(a: Affected, input: { timeZone: string; withActions: boolean }): DeadlineItem {
  const deadline = a.status.deadline ? formatDate(a.status.deadline, input.timeZone) : '';
  return {
    integration: refOf(a.entry),
    daysLeft: a.status.daysLeft ?? 0,
    deadline,
    status: statusLine(a.status, input.timeZone),
    actions: input.withActions ? actionsFor(a, input.timeZone) : [],
  };
}

/**
 * What a notice card says of the rows it leaves out. `deadlines` is capped too (the MAX_CARD_ITEMS
 * soonest deadlines of every integration facing one), so it is offered as that; a passed review is
 * not on it at all, so that card only counts them.
 */
function notShownWords(variant: DeadlineNoticeView['variant'], more: number): string {
  const count = `${more} more ${plural(more, 'is', 'are')} not shown`;
  return variant === 'review-passed'
    ? `${count}.`
    : `${count}; "deadlines" shows the ${MAX_CARD_ITEMS} integrations with the soonest review deadlines.`;
}

function card(input: {
  variant: DeadlineNoticeView['variant'];
  title: string;
  text: string;
  affected: readonly Affected[];
  timeZone: string;
  withActions: boolean;
}): DeadlineNoticeView {
  const shown = input.affected.slice(0, MAX_CARD_ITEMS);
  const more = input.affected.length - shown.length;
  const text = more > 0 ? `${input.text} ${notShownWords(input.variant, more)}` : input.text;
  const items = shown.map((a) =>
    deadlineItem(a, { timeZone: input.timeZone, withActions: input.withActions }),
  );
  return { kind: 'deadlineNotice', variant: input.variant, title: input.title, text, items };
}

/** "N integrations need your attention": the ones the auto-disable date just turned off. */
export function attentionCard(affected: readonly Affected[], timeZone: string): DeadlineNoticeView {
  const n = affected.length;
  return card({
    variant: 'attention',
    title: `${n} ${plural(n, 'integration needs', 'integrations need')} your attention`,
    text: 'Their review has not passed, so they were disabled on their auto-disable date. Keep one on until its final deadline, or confirm it stays off.',
    affected,
    timeZone,
    withActions: true,
  });
}

/** The countdown reminder before the final deadline. */
export function reminderCard(affected: readonly Affected[], timeZone: string): DeadlineNoticeView {
  const first = affected[0];
  const title =
    affected.length === 1 && first
      ? `${first.entry.name}: ${days(first.status.daysLeft ?? 0)} until its review deadline`
      : `${affected.length} integrations reach their review deadline soon`;
  return card({
    variant: 'reminder',
    title,
    text: 'On its deadline, an integration whose review has not passed is disabled for good.',
    affected,
    timeZone,
    withActions: true,
  });
}

/** Integrations the final deadline turned off for good. */
export function disabledForGoodCard(affected: readonly Affected[], timeZone: string): DeadlineNoticeView {
  const n = affected.length;
  return card({
    variant: 'disabled-for-good',
    title: `${n} ${plural(n, 'integration was', 'integrations were')} disabled for good`,
    text: 'Their review did not pass by the final deadline.',
    affected,
    timeZone,
    withActions: false,
  });
}

/** Reviews that passed after admins were warned: nothing to do. */
export function reviewPassedCard(affected: readonly Affected[], timeZone: string): DeadlineNoticeView {
  const names = affected.map((a) => a.entry.name);
  return card({
    variant: 'review-passed',
    title: 'Review passed: no action needed',
    text: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ' and others' : ''} passed review; ${plural(names.length, 'it stays', 'they stay')} as your admins set ${plural(names.length, 'it', 'them')}.`,
    affected,
    timeZone,
    withActions: false,
  });
}

/** The deadlines overview (`deadlines`, home, after Keep or Disable now): every affected row, with a headline. */
export function deadlinesOverview(
  affected: readonly Affected[],
  input: { timeZone: string; title?: string },
): DeadlineNoticeView {
  const { timeZone } = input;
  const open = affected.filter(
    (a) => a.status.phase !== 'disabled-for-good' && a.status.phase !== 'admin-disabled',
  );
  const shown = affected.slice(0, MAX_CARD_ITEMS);
  const more = affected.length - shown.length;
  const summary = open.length
    ? `${open.length} ${open.length === 1 ? 'integration faces' : 'integrations face'} a review deadline. Dates are in ${timeZone}.`
    : `No integration needs a decision. Dates are in ${timeZone}.`;
  return {
    kind: 'deadlineNotice',
    variant: 'attention',
    title: input.title ?? 'Review deadlines',
    text: more > 0 ? `${summary} Showing the first ${shown.length} of ${affected.length}.` : summary,
    items: shown.map((a) => deadlineItem(a, { timeZone, withActions: true })),
  };
}
