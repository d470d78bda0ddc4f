import type { Deps } from '../deps.js';
import type { Actor, Origin } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';

/** Makes the current conversation an admin channel for every admin notice. */
export async function notifyHere(deps: Deps, input: { actor: Actor; origin: Origin }): Promise<View> {
  const now = deps.clock.now();
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'choose-notice-target');
    if (denied) return { result: refusalView(denied, deps.settings.timeZone) };
    const id = input.origin.conversationId;
    const known = state.adminChannels[id];
    if (known?.active) return { result: message('info', 'Admin notices already come to this conversation.') };
    state.adminChannels[id] = {
      id,
      name: input.origin.name ?? null,
      active: true,
      addedBy: input.actor.id,
      addedAt: now.toISOString(),
      inactiveReason: null,
    };
    const count = Object.values(state.adminChannels).filter((c) => c.active).length;
    return {
      result: message(
        'success',
        `Admin notices will come here (${count} admin channel${count === 1 ? '' : 's'} in all).`,
      ),
      audit: [auditEntry({ at: now, actor: input.actor.id, action: 'admin-channel-added', details: id })],
    };
  });
}
