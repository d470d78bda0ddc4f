import type { CatalogEntry } from '../domain/catalog.js';
import { storableName } from '../domain/limits.js';
import { fold, matchByName } from '../domain/matching.js';
import type { Group, State } from '../domain/state.js';
import type { PersonRef } from './commands/command.js';
import type { Deps } from './deps.js';
import { catalogOf, integrationById } from './deps.js';
import type { Mention } from './engine.js';
import type { Refused } from './outcomes.js';
import { refused } from './outcomes.js';

/** Finds an integration by id, name or alias, loosely; otherwise "did you mean …?". */
export function resolveIntegration(
  deps: Pick<Deps, 'catalog'>,
  state: Readonly<State>,
  name: string,
): { ok: true; entry: CatalogEntry } | Refused<'unknown-integration'> {
  const byId = integrationById(deps, state, name.trim().toLowerCase());
  if (byId) return { ok: true, entry: byId };
  const match = matchByName(name, catalogOf(deps, state), (e) => [e.id, e.name, ...e.aliases]);
  if (match.kind === 'exact') return { ok: true, entry: match.item };
  const suggestions = match.kind === 'suggest' ? match.items.map((e) => e.name) : [];
  return refused('unknown-integration', { name, suggestions });
}

export function resolveGroup(
  state: Readonly<State>,
  name: string,
): { ok: true; group: Group } | Refused<'unknown-group'> {
  const wanted = fold(name);
  const group = Object.values(state.groups).find((g) => g.id === name || fold(g.name) === wanted);
  if (group) return { ok: true, group };
  return refused('unknown-group', { name, groups: Object.values(state.groups).map((g) => g.name) });
}

export function resolveGroups(
  state: Readonly<State>,
  names: readonly string[],
): { ok: true; groups: Group[] } | Refused<'unknown-group'> {
  const groups: Group[] = [];
  for (const name of names) {
    const found = resolveGroup(state, name);
    if (!found.ok) return found;
    groups.push(found.group);
  }
  return { ok: true, groups };
}

/**
 * A person from a mention the channel resolved or a typed platform id (docs/commands.md). A display name
 * is never enough: its owner chooses it, so anyone could take an admin's or a colleague's name.
 */
export function resolvePerson(
  state: Readonly<State>,
  ref: PersonRef,
  mentions: readonly Mention[],
): { ok: true; id: string; name: string | null } | Refused<'unresolved-person'> {
  if (ref.kind === 'id') return { ok: true, id: ref.id, name: state.people[ref.id]?.name ?? null };
  const wanted = fold(ref.text);
  const mention = mentions.find((m) => fold(m.name) === wanted);
  if (mention) return { ok: true, id: mention.id, name: storableName(mention.name) };
  return refused('unresolved-person', { text: ref.text });
}
