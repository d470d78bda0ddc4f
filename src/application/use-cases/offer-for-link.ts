import { findByUrl } from '../../domain/catalog.js';
import type { Deps } from '../deps.js';
import { catalogOf } from '../deps.js';
import type { IntegrationFacts } from '../outcomes.js';
import { refOf } from '../views/format.js';

/** The integration a link belongs to (by its catalog host), to offer requesting it; null for other links. */
export function offerForLink(
  deps: Deps,
  input: { url: string },
): (IntegrationFacts & { description: string }) | null {
  const entry = findByUrl(catalogOf(deps, deps.store.read()), input.url);
  return entry ? { ...refOf(entry), description: entry.description } : null;
}
