import type { CatalogEntry } from '../domain/catalog.js';
import { reviewStatus } from '../domain/review.js';
import type { State } from '../domain/state.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import type { DeadlineActionDone, Outcome, RefusalReason } from './outcomes.js';
import { deadlineActionTitle } from './views/admin-outcome-views.js';
import { type Affected, deadlineItem, MAX_CARD_ITEMS } from './views/deadline-views.js';
import { refusalView } from './views/refusal-words.js';
import type { DeadlineNoticeView, View } from './views/view.js';

/** Every installed integration whose review has not passed, soonest deadline first. */
export function affectedIntegrations(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  now: Date,
): Affected[] {
  const { timeZone, reminderDays } = deps.settings;
  const affected: Affected[] = [];
  for (const [id, install] of Object.entries(state.installs)) {
    const entry = integrationById(deps, state, id);
    if (!entry) continue;
    const status = reviewStatus({ review: entry.review, install, now, timeZone, reminderDays });
    if (status.phase !== 'clear') affected.push({ entry, status });
  }
  const at = (a: Affected) => a.status.deadline ?? a.status.disableAt ?? '9999';
  return affected.sort((a, b) => at(a).localeCompare(at(b)) || a.entry.name.localeCompare(b.entry.name));
}

/** The deadlines overview: what is affected, days left, status and actions, with a headline. */
export function deadlinesView(input: {
  deps: Pick<Deps, 'catalog' | 'settings'>;
  state: Readonly<State>;
  now: Date;
  title?: string;
  focus?: CatalogEntry;
}): DeadlineNoticeView {
  const { deps, state, now } = input;
  const timeZone = deps.settings.timeZone;
  const all = affectedIntegrations(deps, state, now);
  const open = all.filter(
    (a) => a.status.phase !== 'disabled-for-good' && a.status.phase !== 'admin-disabled',
  );
  const shown = all.slice(0, MAX_CARD_ITEMS);
  const more = all.length - shown.length;
  const summary = open.length
    ? `${open.length} ${open.length === 1 ? 'integration faces' : 'integrations face'} a review deadline. Dates are in ${timeZone}.`
    : `No integration needs a decision. Dates are in ${timeZone}.`;
  return {
    kind: 'deadlineNotice',
    variant: 'attention',
    title: input.title ?? 'Review deadlines',
    text: more > 0 ? `${summary} Showing the first ${shown.length} of ${all.length}.` : summary,
    items: shown.map((a) => deadlineItem(a, { timeZone, withActions: true })),
  };
}

/** After "Keep" or "Disable now": the deadline card again, titled with what was done, or the refusal. */
export function deadlineActionView(deps: Deps, outcome: Outcome<DeadlineActionDone, RefusalReason>): View {
  const { timeZone } = deps.settings;
  if (!outcome.ok) return refusalView(outcome, timeZone);
  const title = deadlineActionTitle(outcome, timeZone);
  return deadlinesView({ deps, state: deps.store.read(), now: deps.clock.now(), title });
}
