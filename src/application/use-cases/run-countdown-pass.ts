import { localDay } from '../../domain/review.js';
import type { State } from '../../domain/state.js';
import { countdownView, isSpentCountdown, lastCountdownDay } from '../countdown.js';
import type { Deps } from '../deps.js';
import { queueNotice } from '../outbox.js';
import { transact } from '../transact.js';

/** What one countdown pass queued, one line per card copy updated (for `tick` and the logs). */
export interface CountdownPassReport {
  at: string;
  updates: string[];
}

interface Work {
  key: string;
  /** Slack copies to update in place; empty when the countdown is only to be dropped. */
  targets: string[];
  spent: boolean;
}

/** The countdowns owed something today: Slack copies to bring up to date, or a spent record to drop. */
function workOf(deps: Deps, state: Readonly<State>, now: Date): Work[] {
  const today = localDay(now, deps.settings.timeZone);
  const work: Work[] = [];
  for (const [key, countdown] of Object.entries(state.countdowns)) {
    if (isSpentCountdown(deps, state, { countdown, now })) {
      work.push({ key, targets: [], spent: true });
      continue;
    }
    if (countdown.refreshedOn >= today) continue;
    // A later card lists every integration on this one and counts down in its place.
    if (countdown.kind === 'deadline' && countdown.supersededAt) continue;
    const last = lastCountdownDay(deps, state, { countdown, now });
    // Once it was brought up to date on its last deadline's day, the card no longer changes.
    if (last === null || countdown.refreshedOn >= last) continue;
    const targets = (state.postedCards[key] ?? []).map((p) => p.target).filter((t) => t.startsWith('slack:'));
    if (targets.length) work.push({ key, targets, spent: false });
  }
  return work;
}

/**
 * Keeps posted cards counting down (deadline cards, time-box heads-ups) where a card cannot refresh
 * itself when read: each Slack copy is updated in place (`chat.update`) at most once a day per card,
 * the day being the account's, until the card's last changing day (a time box's last day on: its
 * end, like Extend, updates the card itself). Teams cards refresh when read and the console computes
 * them when shown, so neither is sent again. A deadline card superseded by a later one listing all
 * its integrations is no longer updated on Slack (countdown.ts). A countdown whose deadlines (or
 * end) all passed a month ago is dropped. Writes nothing when nothing is owed.
 */
export async function runCountdownPass(deps: Deps, input: { now: Date }): Promise<CountdownPassReport> {
  const { now } = input;
  const report: CountdownPassReport = { at: now.toISOString(), updates: [] };
  if (!workOf(deps, deps.store.read(), now).length) return report;
  return transact(deps, (state) => {
    const plain = deps.store.read();
    const updates: string[] = [];
    for (const { key, targets, spent } of workOf(deps, plain, now)) {
      if (spent) {
        delete state.countdowns[key];
        delete state.postedCards[key];
        continue;
      }
      const view = countdownView(deps, plain, { key, now });
      const countdown = state.countdowns[key];
      if (!view || !countdown) continue;
      for (const target of targets) {
        queueNotice(state, { now, target, view, cardKey: key, mode: 'update' });
        updates.push(`${view.title} → ${target}`);
      }
      countdown.refreshedOn = localDay(now, deps.settings.timeZone);
    }
    return { result: { ...report, updates } };
  });
}
