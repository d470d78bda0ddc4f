import type { DeadlineCommands } from '../deadline-commands.js';
import { checkSystemAdmin } from '../guards.js';
import { refusalView } from '../views/outcome-views.js';
import { deadlinesView } from './affected.js';
import { disableNow } from './disable-now.js';
import { keepIntegration } from './keep-integration.js';
import { listNotices } from './list-notices.js';

export { type DeadlinePassReport, runDeadlinePass } from './run-deadline-pass.js';

/** The review-deadline commands and card actions (SPEC §5); every one re-checks that the actor is an admin. */
export const deadlineCommands: DeadlineCommands = {
  listDeadlines: (deps, { actor }) => {
    const state = deps.store.read();
    const denied = checkSystemAdmin(state, actor.id, 'see-deadlines');
    if (denied) return refusalView(denied, deps.settings.timeZone);
    return deadlinesView({ deps, state, now: deps.clock.now() });
  },
  keepIntegration,
  disableNow,
  listNotices,
};
