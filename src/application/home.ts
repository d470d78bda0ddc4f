import { isSystemAdmin } from '../domain/people.js';
import type { Deps } from './deps.js';
import type { Actor } from './engine.js';
import { listDeadlines } from './use-cases/list-deadlines.js';
import { listNotices } from './use-cases/list-notices.js';
import { listMyRequests, listRequests } from './use-cases/list-requests.js';
import { showProvider } from './use-cases/set-provider.js';
import { showDirectory } from './use-cases/show-directory.js';
import { buildProviderView } from './views/provider-view.js';
import { deadlineListViews, directoryViewOf, noticeListViews, requestListView } from './views/query-views.js';
import type { View } from './views/view.js';

/**
 * A person's home (Slack App Home): for system admins the dashboard of pending requests with
 * their actions, review deadlines, the directory with each entry's state, the provider and queued
 * notices; for members their own
 * requests and the directory with Request buttons.
 */
export function homeViews(deps: Deps, input: { actor: Actor }): View[] {
  const { actor } = input;
  const state = deps.store.read();
  const wording = { timeZone: deps.settings.timeZone, state };
  const directory = directoryViewOf(showDirectory(deps, { actor }), wording);
  if (!isSystemAdmin(state, actor.id)) {
    return [requestListView(listMyRequests(deps, { actor }), wording), directory];
  }
  return [
    requestListView(listRequests(deps, { actor }), wording),
    ...deadlineListViews(listDeadlines(deps, { actor }), wording),
    directory,
    buildProviderView(showProvider(deps), wording),
    ...noticeListViews(listNotices(deps, { actor }), wording),
  ];
}
