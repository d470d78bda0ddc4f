import type { State } from '../domain/state.js';
import { countdownView, startTimeBoxCountdown, timeBoxCardAt } from './countdown.js';
import type { Deps } from './deps.js';
import { adminTargets, publishCard } from './outbox.js';
import { timeBoxCardKey } from './views/time-box-views.js';
import type { TimeBoxNoticeView } from './views/view.js';

/**
 * The card of the time box of an integration that ends (or ended) at `endsAt`, as it stands in
 * `state`; while its posted heads-up counts down, it carries the countdown (refreshed when read).
 */
export function timeBoxCard(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Readonly<State>,
  input: { integrationId: string; endsAt: string; now: Date },
): TimeBoxNoticeView | null {
  const live = countdownView(deps, state, {
    key: timeBoxCardKey(input.integrationId, input.endsAt),
    now: input.now,
  });
  return live?.kind === 'timeBoxNotice' ? live : timeBoxCardAt(deps, state, input);
}

/**
 * Shows a time box's card as it now stands: posted to every admin channel (`post: true`, the
 * scheduler's heads-up and end), or only updated where it was already posted or queued (an admin's
 * Extend or Let it end). A heads-up posted is recorded as a countdown, so its days left keep up.
 */
export function publishTimeBoxCard(
  deps: Deps,
  state: State,
  input: { integrationId: string; endsAt: string; now: Date; post: boolean },
): void {
  const current = deps.store.read();
  const posted = input.post ? timeBoxCardAt(deps, state, input) : null;
  if (posted) startTimeBoxCountdown(state, { ...input, view: posted, timeZone: deps.settings.timeZone });
  const view = timeBoxCard(deps, state, input);
  if (!view) return;
  const cardKey = timeBoxCardKey(input.integrationId, input.endsAt);
  const targets = input.post ? adminTargets(current) : [];
  publishCard(state, { current, now: input.now, cardKey, view, targets });
}
