import { isSystemAdmin } from '../domain/people.js';
import type { Deps } from './deps.js';
import type { Actor } from './engine.js';
import { listDeadlines } from './use-cases/list-deadlines.js';
import { listNotices } from './use-cases/list-notices.js';
import { listMyRequests, listRequests } from './use-cases/list-requests.js';
import { showProvider } from './use-cases/set-provider.js';
import { showDirectory } from './use-cases/show-directory.js';
import { buildProviderView } from './views/provider-view.js';
import type { View } from './views/view.js';

/**
 * A person's home (Slack App Home): for system admins the dashboard of pending requests with
 * their actions, review deadlines, the directory with each entry's state, the provider and queued
 * notices; for members their own
 * requests and the directory with Request buttons.
 */
export function homeViews(deps: Deps, input: { actor: Actor }): View[] {
  const { actor } = input;
  if (!isSystemAdmin(deps.store.read(), actor.id)) {
    return [listMyRequests(deps, { actor }), showDirectory(deps, { actor })];
  }
  return [
    listRequests(deps, { actor }),
    listDeadlines(deps, { actor }),
    showDirectory(deps, { actor }),
    buildProviderView(showProvider(deps), { timeZone: deps.settings.timeZone }),
    listNotices(deps, { actor }),
  ];
}
