import { slugify } from '../../domain/ids.js';
import { MAX_GROUP_NAME_LENGTH } from '../../domain/limits.js';
import { displayName } from '../../domain/people.js';
import type { PersonRef } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor, Mention } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { resolveGroup, resolvePerson } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import type { View } from '../views/view.js';

/** The groups with their members and group admins. */
export function listGroups(deps: Deps): View {
  const state = deps.store.read();
  const items = Object.values(state.groups).map((g) => ({
    title: g.name,
    detail: `${g.members.length} member(s)${g.admins.length ? `; group admins: ${g.admins.map((id) => displayName(state, id)).join(', ')}` : ''}`,
  }));
  return {
    kind: 'list',
    title: 'Groups',
    empty: 'There is no group yet. An admin can say "group create <name>".',
    items,
  };
}

export async function createGroup(deps: Deps, input: { actor: Actor; name: string }): Promise<View> {
  const now = deps.clock.now();
  const name = input.name.trim();
  const id = slugify(name);
  if (!id || name.length > MAX_GROUP_NAME_LENGTH)
    return message(
      'error',
      `A group name needs letters or digits, at most ${MAX_GROUP_NAME_LENGTH} characters.`,
    );
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'create groups');
    if (denied) return { result: message('error', denied.message) };
    if (state.groups[id])
      return { result: message('info', `The group ${state.groups[id].name} already exists.`) };
    state.groups[id] = {
      id,
      name,
      members: [],
      admins: [],
      createdAt: now.toISOString(),
      createdBy: input.actor.id,
    };
    return {
      result: message('success', `Group ${name} created.`),
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
): Promise<View> {
  const now = deps.clock.now();
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'manage groups');
    if (denied) return { result: message('error', denied.message) };
    const found = resolveGroup(state, input.group);
    if (!found.ok) return { result: message('error', found.message) };
    const who = resolvePerson(state, input.person, input.mentions);
    if (!who.ok) return { result: message('error', who.message) };
    const g = found.group;
    if (!state.people[who.id])
      state.people[who.id] = { id: who.id, name: who.name, role: 'member', since: now.toISOString() };
    const name = who.name ?? displayName(state, who.id);
    let text: string;
    if (input.change === 'remove') {
      if (!g.members.includes(who.id) && !g.admins.includes(who.id))
        return { result: message('info', `${name} is not in ${g.name}.`) };
      g.members = g.members.filter((m) => m !== who.id);
      g.admins = g.admins.filter((m) => m !== who.id);
      text = `${name} left ${g.name}.`;
    } else {
      if (!g.members.includes(who.id)) g.members.push(who.id);
      if (input.change === 'admin' && !g.admins.includes(who.id)) g.admins.push(who.id);
      text =
        input.change === 'admin' ? `${name} is now a group admin of ${g.name}.` : `${name} is in ${g.name}.`;
    }
    return {
      result: message('success', text),
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
