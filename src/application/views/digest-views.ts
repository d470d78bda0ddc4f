import { DIGEST_SECTION_SIZES } from '../../domain/digest.js';
import { calendarDaysBetween } from '../../domain/review.js';
import type { DigestSchedule } from '../../domain/schedule.js';
import type { State } from '../../domain/state.js';
import { lastDayOf } from '../../domain/time-box.js';
import type { DigestDone } from '../outcomes.js';
import { deadlineItem } from './deadline-views.js';
import { formatDate } from './format.js';
import { type AnyOutcome, untilWords, type Wording, worded } from './refusal-words.js';
import { requestActions } from './request-views.js';
import type { ListView, View } from './view.js';
import { VERBS } from './view.js';

type Item = ListView['items'][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function ago(input: { since: string; now: Date; timeZone: string }): string {
  const days = -calendarDaysBetween({ now: input.now, deadline: input.since, timeZone: input.timeZone });
  return days <= 0 ? 'today' : `${plural(days, 'day', 'days')} ago`;
}

function requestItems(
  facts: DigestDone,
  input: { state: Readonly<State>; now: Date; timeZone: string },
): Item[] {
  const { state, now, timeZone } = input;
  const line = (r: DigestDone['oldest'][number]) =>
    `${plural(r.request.requesters.length, 'person', 'people')} asked · first on ${formatDate(r.request.createdAt, timeZone)} (${ago({ since: r.request.createdAt, now, timeZone })})`;
  return [
    ...facts.mostRequested.map((r) => ({
      title: `Most requested: ${r.entry.name}`,
      detail: line(r),
      actions: requestActions(state, r.request),
    })),
    ...facts.oldest.map((r) => ({
      title: `Waiting longest: ${r.entry.name}`,
      detail: line(r),
      actions: requestActions(state, r.request),
    })),
  ];
}

function deadlineItems(facts: DigestDone, timeZone: string): Item[] {
  return facts.deadlines.slice(0, DIGEST_SECTION_SIZES.deadlines).map((a) => {
    const item = deadlineItem(a, { timeZone, withActions: true });
    return {
      title: `Review deadline: ${a.entry.name} — ${plural(item.daysLeft, 'day', 'days')} left`,
      detail: `${item.status} · final deadline ${item.deadline}`,
      actions: item.actions,
    };
  });
}

function timeBoxItems(facts: DigestDone, input: { now: Date; timeZone: string }): Item[] {
  return facts.timeBoxes.slice(0, DIGEST_SECTION_SIZES.timeBoxes).map(({ install, entry }) => {
    const endsAt = install.endsAt ?? '';
    const days = calendarDaysBetween({ now: input.now, deadline: endsAt, timeZone: input.timeZone });
    return {
      title: `Approval ends: ${entry.name} — ${days <= 0 ? 'today' : `in ${plural(days, 'day', 'days')}`}`,
      detail: `Time-boxed: on${untilWords(lastDayOf(endsAt, input.timeZone))}, off after that day`,
      actions: [
        {
          verb: VERBS.disableIntegration,
          label: 'Disable now',
          data: { integrationId: entry.id },
          style: 'destructive' as const,
        },
      ],
    };
  });
}

/** What the card leaves out, and where to see it. */
function moreItem(facts: DigestDone, openRequests: number): Item | null {
  const shown = facts.mostRequested.length + facts.oldest.length;
  const parts = [
    openRequests > shown
      ? `${plural(openRequests - shown, 'more open request', 'more open requests')} ("requests")`
      : null,
    facts.deadlines.length > DIGEST_SECTION_SIZES.deadlines
      ? `${plural(facts.deadlines.length - DIGEST_SECTION_SIZES.deadlines, 'more review deadline', 'more review deadlines')} ("deadlines")`
      : null,
    facts.timeBoxes.length > DIGEST_SECTION_SIZES.timeBoxes
      ? plural(
          facts.timeBoxes.length - DIGEST_SECTION_SIZES.timeBoxes,
          'more approval ending',
          'more approvals ending',
        )
      : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? { title: 'Not shown', detail: parts.join('; ') } : null;
}

const TITLES: Record<DigestSchedule['kind'], string> = {
  weekly: 'Weekly digest',
  daily: 'Daily digest',
  off: 'Digest',
};

/**
 * The digest card (docs/product.md#the-digest): most requested, waiting longest, review deadlines and
 * time-boxed approvals ending soon, each line with its own short actions.
 */
export function digestView(
  facts: DigestDone,
  input: { state: Readonly<State>; now: Date; timeZone: string; schedule: DigestSchedule['kind'] },
): ListView {
  const { state, now, timeZone } = input;
  const more = moreItem(facts, Object.keys(state.openRequests).length);
  return {
    kind: 'list',
    title: `${TITLES[input.schedule]}, ${formatDate(now, timeZone)}`,
    empty: nothingToReport(facts.horizonDays),
    items: [
      ...requestItems(facts, input),
      ...deadlineItems(facts, timeZone),
      ...timeBoxItems(facts, input),
      ...(more ? [more] : []),
    ],
  };
}

const nothingToReport = (days: number) =>
  `Nothing to report: no open request, and no review deadline or time-boxed approval ends in the next ${days} days.`;

/** `digest`: the digest card now, or a sentence saying there is nothing to report. */
export function digestViews(
  o: AnyOutcome<DigestDone>,
  w: Wording & { state: Readonly<State>; now: Date; schedule: DigestSchedule['kind'] },
): View[] {
  return worded(o, w, (facts) =>
    facts.empty
      ? [{ kind: 'message', tone: 'info', text: nothingToReport(facts.horizonDays) }]
      : [digestView(facts, { state: w.state, now: w.now, timeZone: w.timeZone, schedule: w.schedule })],
  );
}
