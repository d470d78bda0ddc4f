import type { CatalogEntry } from './catalog.js';
import { isEnabledFor } from './install.js';
import { fold } from './matching.js';
import { own } from './records.js';
import type { Install, State } from './state.js';

/**
 * Suggested alternatives (docs/product.md#suggested-alternatives): before a request is filed, an
 * integration of the same category already on for the asker is offered instead. Only one on for
 * the asker counts (for all groups, or for one of theirs); one on for other groups only does not.
 */

/** Where an alternative is on for the asker: every group, or these of their groups (ids). */
export type AlternativeScope = { kind: 'all' } | { kind: 'groups'; groups: string[] };

/** True when both entries have a category and it is the same, case and spacing aside. */
export function sameCategory(a: CatalogEntry, b: CatalogEntry): boolean {
  return a.category !== undefined && b.category !== undefined && fold(a.category) === fold(b.category);
}

/**
 * The first entry of the catalog, other than `wanted`, of its category and on for the asker's
 * groups, with where it is on for them; null when there is none (or `wanted` has no category).
 */
export function alternativeFor(input: {
  catalog: readonly CatalogEntry[];
  installs: Readonly<Record<string, Install>>;
  wanted: CatalogEntry;
  groupIds: readonly string[];
}): { entry: CatalogEntry; scope: AlternativeScope } | null {
  const { wanted, groupIds } = input;
  if (wanted.category === undefined) return null;
  for (const entry of input.catalog) {
    if (entry.id === wanted.id || !sameCategory(entry, wanted)) continue;
    const install = own(input.installs, entry.id);
    if (!install || !isEnabledFor(install, groupIds)) continue;
    if (install.scope.kind === 'all') return { entry, scope: { kind: 'all' } };
    const on = install.scope.groups;
    return { entry, scope: { kind: 'groups', groups: groupIds.filter((g) => on.includes(g)) } };
  }
  return null;
}

/** Where a person's reason waits while they choose: ids hold no spaces, so the key is unambiguous. */
export function offerKey(integrationId: string, personId: string): string {
  return `${integrationId} ${personId}`;
}

/**
 * Keeps the reason of a request answered with an alternative, for "Still ask" to file it with; a
 * later offer replaces it, and one without a reason drops it.
 */
export function keepOfferedReason(
  state: State,
  input: { integrationId: string; personId: string; reason: string | null; now: Date },
): void {
  const key = offerKey(input.integrationId, input.personId);
  if (input.reason === null) {
    if (Object.hasOwn(state.offeredReasons, key)) delete state.offeredReasons[key];
    return;
  }
  state.offeredReasons[key] = { reason: input.reason, at: input.now.toISOString() };
}

/** The reason kept for this person and integration, taken out (it is used once), or null. */
export function takeOfferedReason(
  state: State,
  input: { integrationId: string; personId: string },
): string | null {
  const key = offerKey(input.integrationId, input.personId);
  if (!Object.hasOwn(state.offeredReasons, key)) return null;
  const kept = state.offeredReasons[key];
  delete state.offeredReasons[key];
  return kept?.reason ?? null;
}

/** How long a reason waits for "Still ask" before it is dropped: an offer left unanswered this long is over. */
export const OFFER_KEPT_DAYS = 30;

/** The offers left unanswered for more than OFFER_KEPT_DAYS at `now`, to drop. */
export function staleOfferKeys(state: Readonly<State>, now: Date): string[] {
  const oldest = now.getTime() - OFFER_KEPT_DAYS * 86_400_000;
  return Object.entries(state.offeredReasons)
    .filter(([, offer]) => Date.parse(offer.at) < oldest)
    .map(([key]) => key);
}
