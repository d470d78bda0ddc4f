import { groupsOf, isSystemAdmin } from '../../domain/people.js';
import { openRequestFor } from '../../domain/request.js';
import { connectFactsOf } from '../connect-link.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { Actor } from '../engine.js';
import type { DirectoryDone } from '../outcomes.js';

/** The integration directory as this person sees it: each entry with its open request, and who asks. */
export function showDirectory(deps: Deps, input: { actor: Actor }): { ok: true } & DirectoryDone {
  const state = deps.store.read();
  return {
    ok: true,
    entries: catalogOf(deps, state).map((entry) => ({
      entry,
      open: openRequestFor(state, entry.id),
      connect: connectFactsOf(deps, state, entry),
    })),
    myGroups: groupsOf(state, input.actor.id).map((g) => g.id),
    isAdmin: isSystemAdmin(state, input.actor.id),
    now: deps.clock.now(),
  };
}
