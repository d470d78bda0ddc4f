import type { CatalogEntry } from '../../domain/catalog.js';
import { scopeLabel } from '../../domain/install.js';
import { displayName } from '../../domain/people.js';
import type { Install, State } from '../../domain/state.js';
import { daysLeftOf, lastDayOf, type TimeBox } from '../../domain/time-box.js';
import type { TimeBoxActionDone } from '../outcomes.js';
import { APPROVAL_CHOICES, EXTENSION_CHOICES, timeBoxToToken } from '../time-box-token.js';
import { formatDate, formatDay, formatTime, message, refOf } from './format.js';
import { type AnyOutcome, type Wording, worded } from './refusal-words.js';
import type { ActionField, TimeBoxNoticeView, View } from './view.js';
import { VERBS } from './view.js';

/** The key under which copies of one time box's card are kept in sync; a new end is a new card. */
export const timeBoxCardKey = (integrationId: string, endsAt: string) => `timebox:${integrationId}:${endsAt}`;

/** "No end", "90 days", "1 year", "Until 31 Mar 2027". */
export function durationTitle(box: TimeBox | null): string {
  if (!box) return 'No end';
  if (box.kind === 'until') return `Until ${formatDay(box.date)}`;
  if (box.days % 365 === 0) return box.days === 365 ? '1 year' : `${box.days / 365} years`;
  return box.days === 1 ? '1 day' : `${box.days} days`;
}

/** The duration choice of a step, with `selected` preselected (and offered when it is none of the usual ones). */
function choiceField(input: {
  label: string;
  choices: (TimeBox | null)[];
  selected: TimeBox | null;
}): ActionField {
  const value = timeBoxToToken(input.selected);
  const choices = input.choices.map((box) => ({ value: timeBoxToToken(box), title: durationTitle(box) }));
  if (!choices.some((c) => c.value === value)) choices.push({ value, title: durationTitle(input.selected) });
  return { id: 'ends', kind: 'choice', label: input.label, required: false, choices, value };
}

/** The approval step's duration choice: no end, 30 days, 90 days, a year, or what was typed. */
export function approvalEndsField(selected: TimeBox | null): ActionField {
  return choiceField({ label: 'On until', choices: [null, ...APPROVAL_CHOICES], selected });
}

/** Extend's choice of how much longer. */
export function extensionField(): ActionField {
  const [first = null] = EXTENSION_CHOICES;
  return choiceField({ label: 'Extend by', choices: [...EXTENSION_CHOICES], selected: first });
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/**
 * The card of a time box as it stands: ending (with Extend and Let it end), left to end (Extend
 * still offered), or ended. `statusLine` says what an admin just chose.
 */
export function buildTimeBoxNotice(input: {
  state: Readonly<State>;
  install: Install;
  entry: CatalogEntry;
  /** The end this card is about (the install's may have moved since). */
  endsAt: string;
  now: Date;
  timeZone: string;
}): TimeBoxNoticeView {
  const { state, install, entry, endsAt, now, timeZone } = input;
  const integration = refOf(entry);
  const groups = scopeLabel(state, install.scope);
  const lastDay = formatDay(lastDayOf(endsAt, timeZone));
  const base = { kind: 'timeBoxNotice' as const, integration, statusLine: null };
  const when = (at: string) => `${formatDate(at, timeZone)}, ${formatTime(at, timeZone)}`;
  if (install.status === 'disabled' && install.disabledBy === 'time-box' && install.endsAt === endsAt) {
    return {
      ...base,
      state: 'ended',
      title: `${entry.name}'s time box ended`,
      text: `It was on for ${groups} until ${lastDay} and is now off; its requesters were told.`,
      actions: [],
    };
  }
  if (install.endsAt !== endsAt || install.status !== 'enabled') {
    const until = install.endsAt ? `until ${formatDay(lastDayOf(install.endsAt, timeZone))}` : 'with no end';
    const on = install.status === 'enabled' ? `it now stays on ${until}` : 'it is off now';
    return {
      ...base,
      state: 'extended',
      title: `${entry.name}'s time box moved`,
      text: `It was to end after ${lastDay}; ${on}.`,
      statusLine: `Changed by ${displayName(state, install.changedBy)} — ${when(install.changedAt)}`,
      actions: [],
    };
  }
  const left = daysLeftOf(endsAt, now, timeZone);
  const data = { integrationId: entry.id, endsAt };
  const extend = {
    verb: VERBS.extendTimeBox,
    label: 'Extend',
    data,
    style: 'positive' as const,
    inputs: [extensionField()],
  };
  const letting = install.letEnd !== null;
  const who = install.letEnd ? displayName(state, install.letEnd.by) : '';
  return {
    ...base,
    state: letting ? 'letting-end' : 'ending',
    title: `${entry.name}'s approval ends in ${days(left)}`,
    text: `On for ${groups} until ${lastDay}; it turns off after that day and its requesters are told.`,
    statusLine: install.letEnd ? `${who} chose to let it end — ${when(install.letEnd.at)}` : null,
    actions: letting ? [extend] : [extend, { verb: VERBS.letTimeBoxEnd, label: 'Let it end', data }],
  };
}

/** What the admin reads after `extend` (the card's buttons answer with the card itself). */
export function timeBoxActionViews(o: AnyOutcome<TimeBoxActionDone>, w: Wording): View[] {
  return worded(o, w, (d) =>
    d.result === 'extended'
      ? [
          message(
            'success',
            `${d.integration.name} now stays on until ${formatDay(d.lastDay)} (it was until ${formatDay(d.previousLastDay)}).`,
          ),
        ]
      : [
          message(
            'success',
            `${d.integration.name} will turn off after ${formatDay(d.lastDay)}, as planned. No more reminders.`,
          ),
        ],
  );
}
