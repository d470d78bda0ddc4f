import { keepInstall } from '../../domain/install.js';
import { reviewStatus } from '../../domain/review.js';
import { checkNotBlocked } from '../blocks.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { DeadlineActionDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { formatDate } from '../views/format.js';

export type KeepOutcome = Outcome<
  DeadlineActionDone,
  | 'not-admin'
  | 'unknown-integration'
  | 'review-not-relevant'
  | 'review-passed'
  | 'no-review-deadline'
  | 'deadline-passed'
  | 'already-kept'
  | 'integration-blocked'
>;

/** "Keep using until {deadline}": an admin keeps a not-yet-passed integration on until its final deadline. */
export async function keepIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<KeepOutcome> {
  const now = deps.clock.now();
  const { timeZone, reminderDays } = deps.settings;
  return transact<KeepOutcome>(deps, (state) => {
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'keep-integrations',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install } = target;
    const blocked = checkNotBlocked(state, entry, 'keep');
    if (blocked) return { result: blocked };
    const status = reviewStatus({ review: entry.review, install, now, timeZone, reminderDays });
    if (!install) return { result: refused('review-not-relevant', { integration }) };
    if (entry.review.state === 'passed') return { result: refused('review-passed', { integration }) };
    const deadline = status.deadline;
    if (!deadline) return { result: refused('no-review-deadline', { integration }) };
    if (Date.parse(deadline) <= now.getTime())
      return { result: refused('deadline-passed', { integration, deadline }) };
    if (status.phase === 'kept') return { result: refused('already-kept', { integration, deadline }) };
    const was = install.status === 'enabled' ? 'enabled' : `disabled (${install.disabledBy ?? 'admin'})`;
    keepInstall(install, { by: input.actor.id, now, until: deadline });
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
