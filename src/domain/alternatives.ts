import type { CatalogEntry } from './catalog.js';
import { isEnabledFor } from './install.js';
import { fold } from './matching.js';
import type { Install } from './state.js';

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
    const install = Object.hasOwn(input.installs, entry.id) ? input.installs[entry.id] : undefined;
    if (!install || !isEnabledFor(install, groupIds)) continue;
    if (install.scope.kind === 'all') return { entry, scope: { kind: 'all' } };
    const on = install.scope.groups;
    return { entry, scope: { kind: 'groups', groups: groupIds.filter((g) => on.includes(g)) } };
  }
  return null;
}
