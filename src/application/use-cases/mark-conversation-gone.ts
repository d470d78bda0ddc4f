import type { ConversationId } from '../../domain/ids.js';
import { MAX_REASON_LENGTH, shorten } from '../../domain/limits.js';
import type { Deps } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { auditEntry, transact } from '../transact.js';
import { conversationGoneWords } from '../views/admin-outcome-views.js';
import { message } from '../views/format.js';

/** Marks an admin channel the bot can no longer post to as inactive, and tells the admins. */
export async function markConversationGone(
  deps: Deps,
  input: { conversationId: ConversationId; reason: string },
): Promise<void> {
  const reason = shorten(input.reason, MAX_REASON_LENGTH);
  const now = deps.clock.now();
  const { conversationId } = input;
  await transact(deps, (state) => {
    const channel = state.adminChannels[conversationId];
    if (!channel?.active) return { result: undefined };
    channel.active = false;
    channel.inactiveReason = reason;
    const text = conversationGoneWords({ channel: channel.name ?? conversationId, reason });
    for (const target of adminTargets(state))
      queueNotice(state, { now, target, view: message('warning', text) });
    return {
      result: undefined,
      audit: [
        auditEntry({
          at: now,
          actor: 'system',
          action: 'admin-channel-inactive',
          details: `${conversationId}: ${reason}`,
        }),
      ],
    };
  });
}
