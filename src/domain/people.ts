import { storableName } from './limits.js';
import type { Group, State } from './state.js';

export function isSystemAdmin(state: Readonly<State>, personId: string): boolean {
  return state.people[personId]?.role === 'system-admin';
}

export function systemAdmins(state: Readonly<State>): string[] {
  return Object.values(state.people)
    .filter((p) => p.role === 'system-admin')
    .map((p) => p.id);
}

export function groupsOf(state: Readonly<State>, personId: string): Group[] {
  return Object.values(state.groups).filter(
    (g) => g.members.includes(personId) || g.admins.includes(personId),
  );
}

/**
 * The ids of the groups any of `personIds` belongs to (as member or admin). One walk over the
 * groups' members whatever the number of people asked about, where `groupsOf` per person would
 * walk them once per person: a request gathers dozens of requesters.
 */
export function groupIdsOf(state: Readonly<State>, personIds: Iterable<string>): Set<string> {
  const people = new Set(personIds);
  const ids = new Set<string>();
  if (people.size === 0) return ids;
  for (const group of Object.values(state.groups))
    if (group.members.some((id) => people.has(id)) || group.admins.some((id) => people.has(id)))
      ids.add(group.id);
  return ids;
}

export function displayName(state: Readonly<State>, personId: string): string {
  return state.people[personId]?.name ?? personId.slice(personId.indexOf(':') + 1);
}

/** Records a person's display name (as it may be stored) the first time we see them, or when it changed. */
export function notePerson(state: State, input: { id: string; name: string | null; now: string }): void {
  const known = state.people[input.id];
  const name = storableName(input.name);
  if (!known) {
    state.people[input.id] = { id: input.id, name, role: 'member', since: input.now };
  } else if (name && known.name !== name) {
    known.name = name;
  }
}
