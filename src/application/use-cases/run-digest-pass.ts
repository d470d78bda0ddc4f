import { digestPeriod, latestDigestDue } from '../../domain/schedule.js';
import type { State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import { digestFacts, digestSchedule } from '../digest.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { transact } from '../transact.js';
import { digestView } from '../views/digest-views.js';

/** What one digest pass did, one line each (for `tick` and the logs). */
export interface DigestPassReport {
  at: string;
  /** The period due, by its day in the account's time zone; null when the digest is off. */
  period: string | null;
  notices: string[];
  /** Why nothing was queued: every target had this period's digest, or there was nothing to say. */
  skipped: 'already-sent' | 'nothing-to-report' | null;
}

const PREFIX = 'digest:';
const keyOf = (target: string, period: string) => `${PREFIX}${target}:${period}`;

/** Targets still owed this period's digest. */
function owed(state: Readonly<State>, period: string): string[] {
  return adminTargets(state).filter((t) => state.sentKeys[keyOf(t, period)] === undefined);
}

/** Drops a target's digest keys of earlier periods: one key per admin channel is all that is ever needed. */
function forgetEarlier(
  state: State,
  plain: Readonly<State>,
  input: { target: string; period: string },
): void {
  const own = `${PREFIX}${input.target}:`;
  for (const key of Object.keys(plain.sentKeys)) {
    if (key.startsWith(own) && key !== keyOf(input.target, input.period)) delete state.sentKeys[key];
  }
}

/**
 * The scheduled digest at `now` (docs/product.md#the-digest): once the period's time has come, each
 * admin channel (or each system admin, when there is none) gets one card for the period, across
 * restarts. A period with nothing to say sends nothing and is marked done all the same, so nothing
 * arrives later off schedule. Writes nothing when nothing is owed.
 */
export async function runDigestPass(deps: Deps, input: { now: Date }): Promise<DigestPassReport> {
  const { now } = input;
  const { timeZone } = deps.settings;
  const schedule = digestSchedule(deps);
  const due = latestDigestDue(schedule, now, timeZone);
  const report: DigestPassReport = { at: now.toISOString(), period: null, notices: [], skipped: null };
  if (due === null) return report;
  const period = digestPeriod(due, timeZone);
  report.period = period;
  if (!owed(deps.store.read(), period).length) return { ...report, skipped: 'already-sent' };
  return transact(deps, (state) => {
    const plain = deps.store.read();
    const targets = owed(plain, period);
    const facts = digestFacts(deps, plain, now);
    const view = facts.empty
      ? null
      : digestView(facts, { state: plain, now, timeZone, schedule: schedule.kind });
    for (const target of targets) {
      if (view) queueNotice(state, { now, target, view });
      forgetEarlier(state, plain, { target, period });
      state.sentKeys[keyOf(target, period)] = now.toISOString();
    }
    const notices = view ? targets.map((t) => `digest ${period} → ${t}`) : [];
    return { result: { ...report, notices, skipped: view ? null : 'nothing-to-report' } };
  });
}
