import { type ConversationId, isConversationId } from '../../domain/ids.js';
import { skippingWriteFailure } from '../answer-write-failure.js';
import type { Deps } from '../deps.js';

/** Keeps a platform address (Teams conversation reference) for proactive messages, when it changed. */
export async function rememberAddress(
  deps: Deps,
  input: { conversationId: ConversationId; data: Record<string, unknown> },
): Promise<void> {
  const { conversationId, data } = input;
  // An id the store would refuse on load is not kept: the message itself is refused by handleText.
  if (!isConversationId(conversationId)) return;
  const known = deps.store.read().addresses[conversationId];
  if (known && JSON.stringify(known.data) === JSON.stringify(data)) return;
  // Only a cache for proactive messages: a disk that cannot save it must not stop the answer.
  await skippingWriteFailure(deps, 'conversation address', () =>
    deps.store.update((state) => {
      state.addresses[conversationId] = {
        id: conversationId,
        data,
        updatedAt: deps.clock.now().toISOString(),
      };
    }),
  );
}
