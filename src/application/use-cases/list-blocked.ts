import { blockFactsOf } from '../blocks.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { BlockedListDone } from '../outcomes.js';
import { refOf } from '../views/format.js';

/** `blocked`: the blocked integrations still in the catalog, most recently blocked first. */
export function listBlocked(deps: Deps): { ok: true } & BlockedListDone {
  const state = deps.store.read();
  const items = Object.entries(state.blocked)
    .flatMap(([id, block]) => {
      const entry = integrationById(deps, state, id);
      return entry ? [{ integration: refOf(entry), block: blockFactsOf(state, block) }] : [];
    })
    .sort((a, b) => b.block.at.localeCompare(a.block.at));
  return { ok: true, items };
}
