import { blockOf } from '../domain/block.js';
import type { CatalogEntry } from '../domain/catalog.js';
import { displayName } from '../domain/people.js';
import type { Block, State } from '../domain/state.js';
import type { BlockFacts, Refused } from './outcomes.js';
import { refused } from './outcomes.js';
import { refOf } from './views/format.js';

/** A stored block as people are told of it. */
export function blockFactsOf(state: Readonly<State>, block: Block): BlockFacts {
  return { reason: block.reason, by: displayName(state, block.by), at: block.at };
}

/**
 * The refusal for acting on a blocked integration (asking for it, approving, enabling or keeping it), or
 * null when it is not blocked: a block refuses the integration to whoever asks.
 */
export function checkNotBlocked(
  state: Readonly<State>,
  entry: CatalogEntry,
  wanted: 'request' | 'approve' | 'enable' | 'keep',
): Refused<'integration-blocked'> | null {
  const block = blockOf(state, entry.id);
  if (!block) return null;
  return refused('integration-blocked', {
    integration: refOf(entry),
    block: blockFactsOf(state, block),
    wanted,
  });
}
