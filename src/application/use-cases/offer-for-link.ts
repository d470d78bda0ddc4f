import { blockOf } from '../../domain/block.js';
import { findByUrl } from '../../domain/catalog.js';
import { blockFactsOf } from '../blocks.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { LinkOffer } from '../outcomes.js';
import { refOf } from '../views/format.js';

/**
 * The integration a link belongs to (by its catalog host), to offer requesting it, or to say it is
 * blocked and why; null for other links.
 */
export function offerForLink(deps: Deps, input: { url: string }): LinkOffer | null {
  const state = deps.store.read();
  const entry = findByUrl(catalogOf(deps, state), input.url);
  if (!entry) return null;
  const block = blockOf(state, entry.id);
  return {
    ...refOf(entry),
    description: entry.description,
    blocked: block ? blockFactsOf(state, block) : null,
  };
}
