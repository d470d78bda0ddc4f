import { isEnabledFor } from '../../domain/install.js';
import { groupsOf } from '../../domain/people.js';
import { openRequestFor } from '../../domain/request.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { Actor } from '../engine.js';
import { refOf, reviewLabel } from '../views/format.js';
import type { DirectoryView, ViewAction } from '../views/view.js';
import { VERBS } from '../views/view.js';

/** The integration directory as this person sees it, each with Request and Permissions. */
export function showDirectory(deps: Deps, input: { actor: Actor }): DirectoryView {
  const state = deps.store.read();
  const myGroups = groupsOf(state, input.actor.id).map((g) => g.id);
  return {
    kind: 'directory',
    items: catalogOf(deps, state).map((entry) => {
      const install = state.installs[entry.id];
      const open = openRequestFor(state, entry.id);
      const mine = isEnabledFor(install, myGroups);
      const status = mine
        ? 'Enabled for your groups'
        : install?.status === 'enabled'
          ? 'Enabled for other groups'
          : open
            ? `Requested by ${open.requesters.length}`
            : 'Available';
      const actions: ViewAction[] = [
        { verb: VERBS.showPermissions, label: 'Permissions', data: { integrationId: entry.id } },
      ];
      if (!mine)
        actions.unshift({
          verb: VERBS.requestIntegration,
          label: open ? 'Join request' : 'Request',
          data: { integrationId: entry.id },
          style: 'positive',
        });
      return {
        integration: refOf(entry),
        description: entry.description,
        status,
        review: reviewLabel(entry.review, deps.settings.timeZone),
        actions,
      };
    }),
  };
}
