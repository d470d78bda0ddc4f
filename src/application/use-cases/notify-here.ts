import type { Deps } from '../deps.js';
import type { Actor, Origin } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { NotifyHereDone, Outcome } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';

export type NotifyHereOutcome = Outcome<NotifyHereDone, 'not-admin'>;

/** Makes the current conversation an admin channel for every admin notice. */
export async function notifyHere(
  deps: Deps,
  input: { actor: Actor; origin: Origin },
): Promise<NotifyHereOutcome> {
  const now = deps.clock.now();
  return transact<NotifyHereOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'choose-notice-target');
    if (denied) return { result: denied };
    const id = input.origin.conversationId;
    const count = () => Object.values(state.adminChannels).filter((c) => c.active).length;
    if (state.adminChannels[id]?.active)
      return { result: { ok: true, result: 'already-here', channels: count() } };
    state.adminChannels[id] = {
      id,
      name: input.origin.name ?? null,
      active: true,
      addedBy: input.actor.id,
      addedAt: now.toISOString(),
      inactiveReason: null,
    };
    return {
      result: { ok: true, result: 'added', channels: count() },
      audit: [auditEntry({ at: now, actor: input.actor.id, action: 'admin-channel-added', details: id })],
    };
  });
}
