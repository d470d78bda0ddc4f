import { groupsOf, isSystemAdmin } from '../../domain/people.js';
import { openRequestFor } from '../../domain/request.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { Actor } from '../engine.js';
import { directoryItem, directoryView } from '../views/directory-view.js';
import type { DirectoryView } from '../views/view.js';

/** The integration directory as this person sees it: each entry's state, grouped, with its actions. */
export function showDirectory(deps: Deps, input: { actor: Actor }): DirectoryView {
  const state = deps.store.read();
  const myGroups = groupsOf(state, input.actor.id).map((g) => g.id);
  const isAdmin = isSystemAdmin(state, input.actor.id);
  const now = deps.clock.now();
  return directoryView(
    catalogOf(deps, state).map((entry) =>
      directoryItem({
        state,
        entry,
        open: openRequestFor(state, entry.id),
        myGroups,
        isAdmin,
        timeZone: deps.settings.timeZone,
        now,
      }),
    ),
  );
}
