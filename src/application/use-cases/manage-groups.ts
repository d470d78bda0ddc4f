import { slugify } from '../../domain/ids.js';
import { MAX_GROUP_NAME_LENGTH } from '../../domain/limits.js';
import { displayName } from '../../domain/people.js';
import { own } from '../../domain/records.js';
import type { PersonRef } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor, Mention } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { CreateGroupDone, GroupMemberDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolveGroup, resolvePerson } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';

export type CreateGroupOutcome = Outcome<CreateGroupDone, 'bad-group-name' | 'not-admin' | 'group-exists'>;

export type GroupMemberOutcome = Outcome<
  GroupMemberDone,
  'not-admin' | 'unknown-group' | 'unresolved-person' | 'not-in-group'
>;

/** The groups with their members and group admins (by name). */
export function listGroups(deps: Deps): { name: string; members: number; admins: string[] }[] {
  const state = deps.store.read();
  return Object.values(state.groups).map((g) => ({
    name: g.name,
    members: g.members.length,
    admins: g.admins.map((id) => displayName(state, id)),
  }));
}

export async function createGroup(
  deps: Deps,
  input: { actor: Actor; name: string },
): Promise<CreateGroupOutcome> {
  const now = deps.clock.now();
  const name = input.name.trim();
  const id = slugify(name);
  if (!id || name.length > MAX_GROUP_NAME_LENGTH)
    return refused('bad-group-name', { max: MAX_GROUP_NAME_LENGTH });
  return transact<CreateGroupOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'create-groups');
    if (denied) return { result: denied };
    const existing = own(state.groups, id);
    if (existing) return { result: refused('group-exists', { group: existing.name }) };
    state.groups[id] = {
      id,
      name,
      members: [],
      admins: [],
      createdAt: now.toISOString(),
      createdBy: input.actor.id,
    };
    return {
      result: { ok: true, group: name },
      audit: [auditEntry({ at: now, actor: input.actor.id, action: 'group-created', details: name })],
    };
  });
}

/** Adds or removes a member, or makes someone a group admin. */
export async function changeGroupMember(
  deps: Deps,
  input: {
    actor: Actor;
    group: string;
    person: PersonRef;
    mentions: readonly Mention[];
    change: 'add' | 'remove' | 'admin';
  },
): Promise<GroupMemberOutcome> {
  const now = deps.clock.now();
  return transact<GroupMemberOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'manage-groups');
    if (denied) return { result: denied };
    const found = resolveGroup(state, input.group);
    if (!found.ok) return { result: found };
    const who = resolvePerson(state, input.person, input.mentions);
    if (!who.ok) return { result: who };
    const g = found.group;
    if (!state.people[who.id])
      state.people[who.id] = { id: who.id, name: who.name, role: 'member', since: now.toISOString() };
    const person = who.name ?? displayName(state, who.id);
    if (input.change === 'remove') {
      if (!g.members.includes(who.id) && !g.admins.includes(who.id))
        return { result: refused('not-in-group', { person, group: g.name }) };
      g.members = g.members.filter((m) => m !== who.id);
      g.admins = g.admins.filter((m) => m !== who.id);
    } else {
      if (!g.members.includes(who.id)) g.members.push(who.id);
      if (input.change === 'admin' && !g.admins.includes(who.id)) g.admins.push(who.id);
    }
    return {
      result: { ok: true, change: input.change, person, group: g.name },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: `group-${input.change}`,
          details: `${g.name}: ${who.id}`,
        }),
      ],
    };
  });
}
