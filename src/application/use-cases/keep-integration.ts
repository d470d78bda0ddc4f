import { reviewStatus } from '../../domain/review.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { DeadlineActionDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { formatDate, refOf } from '../views/format.js';

export type KeepOutcome = Outcome<
  DeadlineActionDone,
  | 'not-admin'
  | 'unknown-integration'
  | 'review-not-relevant'
  | 'review-passed'
  | 'no-review-deadline'
  | 'deadline-passed'
  | 'already-kept'
>;

/** "Keep using until {deadline}": an admin keeps a not-yet-passed integration on until its final deadline. */
export async function keepIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<KeepOutcome> {
  const now = deps.clock.now();
  const { timeZone, reminderDays } = deps.settings;
  return transact<KeepOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'keep-integrations');
    if (denied) return { result: denied };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: found };
    const entry = found.entry;
    const integration = refOf(entry);
    const install = state.installs[entry.id];
    const status = reviewStatus({ review: entry.review, install, now, timeZone, reminderDays });
    if (!install) return { result: refused('review-not-relevant', { integration }) };
    if (entry.review.state === 'passed') return { result: refused('review-passed', { integration }) };
    const deadline = status.deadline;
    if (!deadline) return { result: refused('no-review-deadline', { integration }) };
    if (Date.parse(deadline) <= now.getTime())
      return { result: refused('deadline-passed', { integration, deadline }) };
    if (status.phase === 'kept') return { result: refused('already-kept', { integration, deadline }) };
    const was = install.status === 'enabled' ? 'enabled' : `disabled (${install.disabledBy ?? 'admin'})`;
    Object.assign(install, {
      status: 'enabled',
      disabledBy: null,
      disabledAt: null,
      keptUntil: deadline,
      changedAt: now.toISOString(),
      changedBy: input.actor.id,
    });
    return {
      result: { ok: true, result: 'kept', integration, deadline },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'review-kept',
          integrationId: entry.id,
          details: `${was} → enabled, kept until ${formatDate(deadline, timeZone)}: an admin chose to keep it until the final deadline (review ${entry.review.state})`,
        }),
      ],
    };
  });
}
