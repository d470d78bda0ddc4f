import type { CatalogEntry } from '../domain/catalog.js';
import { storableName } from '../domain/limits.js';
import { fold, matchByName } from '../domain/matching.js';
import type { Group, State } from '../domain/state.js';
import type { PersonRef } from './commands/command.js';
import type { Deps } from './deps.js';
import { catalogOf, integrationById } from './deps.js';
import type { Mention } from './engine.js';

export type Refusal = { ok: false; message: string };
export const refuse = (message: string): Refusal => ({ ok: false, message });

/** Finds an integration by id, name or alias, loosely; otherwise "did you mean …?". */
export function resolveIntegration(
  deps: Pick<Deps, 'catalog'>,
  state: Readonly<State>,
  name: string,
): { ok: true; entry: CatalogEntry } | Refusal {
  const byId = integrationById(deps, state, name.trim().toLowerCase());
  if (byId) return { ok: true, entry: byId };
  const match = matchByName(name, catalogOf(deps, state), (e) => [e.id, e.name, ...e.aliases]);
  if (match.kind === 'exact') return { ok: true, entry: match.item };
  const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
  if (match.kind === 'suggest') {
    return refuse(`I don't know "${shown}". Did you mean ${match.items.map((e) => e.name).join(' or ')}?`);
  }
  return refuse(`I don't know an integration called "${shown}". Say "integrations" to browse the directory.`);
}

export function resolveGroup(state: Readonly<State>, name: string): { ok: true; group: Group } | Refusal {
  const wanted = fold(name);
  const group = Object.values(state.groups).find((g) => g.id === name || fold(g.name) === wanted);
  if (group) return { ok: true, group };
  const names = Object.values(state.groups).map((g) => g.name);
  return refuse(
    `There is no group "${name.slice(0, 60)}".${names.length ? ` Groups: ${names.join(', ')}.` : ' Create one with "group create <name>".'}`,
  );
}

export function resolveGroups(
  state: Readonly<State>,
  names: readonly string[],
): { ok: true; groups: Group[] } | Refusal {
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
): { ok: true; id: string; name: string | null } | Refusal {
  if (ref.kind === 'id') return { ok: true, id: ref.id, name: state.people[ref.id]?.name ?? null };
  const wanted = fold(ref.text);
  const mention = mentions.find((m) => fold(m.name) === wanted);
  if (mention) return { ok: true, id: mention.id, name: storableName(mention.name) };
  return refuse(
    `"${ref.text.slice(0, 60)}" is not a mention or an id. Mention the person (@name) or give their id, such as slack:U123, teams:<id> or console:ada; a display name is not enough, since anyone can take it.`,
  );
}
