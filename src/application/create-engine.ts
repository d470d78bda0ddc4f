import { findByUrl } from '../domain/catalog.js';
import { isConversationId } from '../domain/ids.js';
import { MAX_REASON_LENGTH, shorten } from '../domain/limits.js';
import { answeringWriteFailure, skippingWriteFailure } from './answer-write-failure.js';
import { boundInput } from './bound-input.js';
import type { DeadlineCommands } from './deadline-commands.js';
import { catalogOf, type Deps } from './deps.js';
import { dispatchAction, viewCardFor } from './dispatch-action.js';
import { dispatchCommand } from './dispatch-command.js';
import type { Engine } from './engine.js';
import { createEventOnce } from './event-once.js';
import { adminTargets, queueNotice } from './outbox.js';
import { auditEntry, transact } from './transact.js';
import { message } from './views/format.js';
import { VERBS } from './views/view.js';

/** Builds the one engine every channel drives. */
export function createEngine(base: Deps, deadlines: DeadlineCommands): Engine {
  const events = createEventOnce({ store: base.store, clock: base.clock });
  // Every change made through the engine carries the ids of the inbound events being handled.
  const deps: Deps = { ...base, store: events.store };
  return {
    handleText: async (input) => {
      const bounded = boundInput(input);
      if (!bounded.ok) return { views: [message('error', bounded.message)] };
      // The writes of a message that came in an event carry that event's id.
      const scoped = input.event ? { ...deps, store: events.storeFor(input.event) } : deps;
      return answeringWriteFailure(scoped, {
        what: 'command',
        run: () => dispatchCommand(scoped, deadlines, bounded.input),
        answer: (view) => ({ views: [view] }),
      });
    },
    handleAction: async (input) => {
      const bounded = boundInput(input);
      if (!bounded.ok) return { card: message('error', bounded.message), views: [], refused: true };
      return answeringWriteFailure(deps, {
        what: `action ${input.verb.slice(0, 40)}`,
        run: () => dispatchAction(deps, deadlines, bounded.input),
        answer: (view) => ({ card: view, views: [], refused: true }),
      });
    },
    viewCard: ({ actor, cardKey, origin }) =>
      viewCardFor(deps, { actorId: actor.id, cardKey, conversationId: origin?.conversationId }),
    offerForLink: ({ url }) => {
      const entry = findByUrl(catalogOf(deps, deps.store.read()), url);
      if (!entry) return null;
      return {
        ...message('info', `Request ${entry.name} for your groups?`, [entry.description]),
        actions: [
          {
            verb: VERBS.requestIntegration,
            label: `Request ${entry.name}`,
            data: { integrationId: entry.id },
            style: 'positive',
          },
          { verb: VERBS.showPermissions, label: 'Permissions', data: { integrationId: entry.id } },
        ],
      };
    },
    linkHosts: () => [...new Set(catalogOf(deps, deps.store.read()).flatMap((e) => e.linkHosts))],
    rememberAddress: async ({ conversationId, data }) => {
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
    },
    addressOf: (conversationId) => deps.store.read().addresses[conversationId]?.data ?? null,
    once: (eventId, work) => events.once(eventId, work),
    markConversationGone: ({ conversationId, reason: detail }) => {
      const reason = shorten(detail, MAX_REASON_LENGTH);
      const now = deps.clock.now();
      return transact(deps, (state) => {
        const channel = state.adminChannels[conversationId];
        if (!channel?.active) return { result: undefined };
        channel.active = false;
        channel.inactiveReason = reason;
        for (const target of adminTargets(state)) {
          queueNotice(state, {
            now,
            target,
            view: message(
              'warning',
              `I can no longer post to ${channel.name ?? conversationId} (${reason}); it is no longer an admin channel. Say "notify here" in another conversation.`,
            ),
          });
        }
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
    },
  };
}
