import { reviewStatus } from '../domain/review.js';
import type { State } from '../domain/state.js';
import type { Deps } from './deps.js';
import { integrationById } from './deps.js';
import type { DeadlineActionDone, Outcome, RefusalReason } from './outcomes.js';
import { deadlineActionTitle } from './views/admin-outcome-views.js';
import { type Affected, deadlinesOverview } from './views/deadline-views.js';
import { refusalView } from './views/refusal-words.js';
import type { View } from './views/view.js';

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

/** After "Keep" or "Disable now": the deadline card again, titled with what was done, or the refusal. */
export function deadlineActionView(deps: Deps, outcome: Outcome<DeadlineActionDone, RefusalReason>): View {
  const { timeZone } = deps.settings;
  if (!outcome.ok) return refusalView(outcome, timeZone);
  const title = deadlineActionTitle(outcome, timeZone);
  return deadlinesOverview(affectedIntegrations(deps, deps.store.read(), deps.clock.now()), {
    timeZone,
    title,
  });
}
