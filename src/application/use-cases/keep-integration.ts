import { reviewStatus } from '../../domain/review.js';
import { deadlinesView } from '../affected-deadlines.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { resolveIntegration } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { formatDate, message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';

/** "Keep using until {deadline}": an admin keeps a not-yet-passed integration on until its final deadline. */
export async function keepIntegration(
  deps: Deps,
  input: { actor: Actor; integration: string },
): Promise<View> {
  const now = deps.clock.now();
  const { timeZone, reminderDays } = deps.settings;
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'keep-integrations');
    if (denied) return { result: refusalView(denied, deps.settings.timeZone) };
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return { result: refusalView(found, deps.settings.timeZone) };
    const entry = found.entry;
    const install = state.installs[entry.id];
    const status = reviewStatus({ review: entry.review, install, now, timeZone, reminderDays });
    if (!install)
      return {
        result: message('info', `${entry.name} is not enabled anywhere, so its review does not affect you.`),
      };
    if (entry.review.state === 'passed')
      return { result: message('info', `${entry.name} passed review; there is nothing to keep.`) };
    const deadline = status.deadline;
    if (!deadline)
      return { result: message('info', `${entry.name} has no review deadline to keep it until.`) };
    const until = formatDate(deadline, timeZone);
    if (Date.parse(deadline) <= now.getTime()) {
      return {
        result: message('error', `${entry.name}'s final deadline (${until}) has passed; it stays disabled.`),
      };
    }
    if (status.phase === 'kept')
      return { result: message('info', `${entry.name} is already kept on until ${until}.`) };
    const was = install.status === 'enabled' ? 'enabled' : `disabled (${install.disabledBy ?? 'admin'})`;
    Object.assign(install, {
      status: 'enabled',
      disabledBy: null,
      keptUntil: deadline,
      changedAt: now.toISOString(),
      changedBy: input.actor.id,
    });
    const title = `${entry.name} stays on until ${until}`;
    return {
      result: deadlinesView({ deps, state, now, title }),
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'review-kept',
          integrationId: entry.id,
          details: `${was} → enabled, kept until ${until}: an admin chose to keep it until the final deadline (review ${entry.review.state})`,
        }),
      ],
    };
  });
}
