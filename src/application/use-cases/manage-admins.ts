import { displayName, systemAdmins } from '../../domain/people.js';
import type { PersonRef } from '../commands/command.js';
import type { Deps } from '../deps.js';
import type { Actor, Mention } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { ChangeAdminDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { resolvePerson } from '../resolve.js';
import { auditEntry, transact } from '../transact.js';

export type ChangeAdminOutcome = Outcome<
  ChangeAdminDone,
  'not-admin' | 'unresolved-person' | 'already-admin' | 'not-an-admin' | 'configured-admin' | 'last-admin'
>;

/** The system admins: display name and id. */
export function listAdmins(deps: Deps): { name: string; id: string }[] {
  const state = deps.store.read();
  return systemAdmins(state).map((id) => ({ name: displayName(state, id), id }));
}

/** Makes someone a system admin, or takes the role away (never from the last one). */
export async function changeAdmin(
  deps: Deps,
  input: { actor: Actor; person: PersonRef; mentions: readonly Mention[]; change: 'add' | 'remove' },
): Promise<ChangeAdminOutcome> {
  const now = deps.clock.now();
  return transact<ChangeAdminOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'manage-admins');
    if (denied) return { result: denied };
    const who = resolvePerson(state, input.person, input.mentions);
    if (!who.ok) return { result: who };
    const known = state.people[who.id];
    const person = who.name ?? displayName(state, who.id);
    if (input.change === 'add') {
      if (known?.role === 'system-admin') return { result: refused('already-admin', { person }) };
      state.people[who.id] = {
        id: who.id,
        name: who.name ?? known?.name ?? null,
        role: 'system-admin',
        since: known?.since ?? now.toISOString(),
      };
    } else {
      if (known?.role !== 'system-admin') return { result: refused('not-an-admin', { person }) };
      if (deps.settings.configuredAdmins?.includes(who.id))
        return { result: refused('configured-admin', { person }) };
      if (systemAdmins(state).length === 1) return { result: refused('last-admin') };
      known.role = 'member';
    }
    return {
      result: { ok: true, change: input.change, person },
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
