import { displayName, systemAdmins } from '../../domain/people.js';
import type { PersonRef } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor, Mention } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { resolvePerson } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import type { View } from '../views/view.js';

/** The system admins, by name. */
export function listAdmins(deps: Deps): View {
  const state = deps.store.read();
  const items = systemAdmins(state).map((id) => ({ title: displayName(state, id), detail: id }));
  return {
    kind: 'list',
    title: 'System admins',
    empty: 'There is no system admin: set ADMINS and restart.',
    items,
  };
}

/** Makes someone a system admin, or takes the role away (never from the last one). */
export async function changeAdmin(
  deps: Deps,
  input: { actor: Actor; person: PersonRef; mentions: readonly Mention[]; change: 'add' | 'remove' },
): Promise<View> {
  const now = deps.clock.now();
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'manage admins');
    if (denied) return { result: message('error', denied.message) };
    const who = resolvePerson(state, input.person, input.mentions);
    if (!who.ok) return { result: message('error', who.message) };
    const known = state.people[who.id];
    const name = who.name ?? displayName(state, who.id);
    if (input.change === 'add') {
      if (known?.role === 'system-admin')
        return { result: message('info', `${name} is already a system admin.`) };
      state.people[who.id] = {
        id: who.id,
        name: who.name ?? known?.name ?? null,
        role: 'system-admin',
        since: known?.since ?? now.toISOString(),
      };
    } else {
      if (known?.role !== 'system-admin')
        return { result: message('info', `${name} is not a system admin.`) };
      if (deps.settings.configuredAdmins?.includes(who.id))
        return {
          result: message(
            'error',
            `${name} is listed in ADMINS, which makes them a system admin at every start. Take them out of ADMINS and restart to remove them.`,
          ),
        };
      if (systemAdmins(state).length === 1)
        return { result: message('error', 'You cannot remove the last system admin.') };
      known.role = 'member';
    }
    return {
      result: message(
        'success',
        input.change === 'add' ? `${name} is now a system admin.` : `${name} is no longer a system admin.`,
      ),
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: input.change === 'add' ? 'admin-added' : 'admin-removed',
          details: who.id,
        }),
      ],
    };
  });
}
