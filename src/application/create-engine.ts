import { answeringWriteFailure } from './answer-write-failure.js';
import { boundInput } from './bound-input.js';
import { catalogOf, type Deps } from './deps.js';
import { dispatchAction, viewCardFor } from './dispatch-action.js';
import { dispatchCommand } from './dispatch-command.js';
import type { Engine } from './engine.js';
import { createEventOnce } from './event-once.js';
import { homeViews } from './home.js';
import { noteActor } from './note-actor.js';
import { markConversationGone } from './use-cases/mark-conversation-gone.js';
import { offerForLink } from './use-cases/offer-for-link.js';
import { rememberAddress } from './use-cases/remember-address.js';
import { refusalView } from './views/refusal-words.js';
import { linkOfferView } from './views/request-outcome-views.js';

/** Builds the one engine every channel drives. */
export function createEngine(base: Deps): Engine {
  const events = createEventOnce({ store: base.store, clock: base.clock });
  // Every change made through the engine carries the ids of the inbound events being handled.
  const deps: Deps = { ...base, store: events.store };
  return {
    handleText: async (input) => {
      const bounded = boundInput(input);
      if (!bounded.ok) return { views: [refusalView(bounded, deps.settings.timeZone)] };
      // The writes of a message that came in an event carry that event's id.
      const scoped = input.event ? { ...deps, store: events.storeFor(input.event) } : deps;
      return answeringWriteFailure(scoped, {
        what: 'command',
        run: () => dispatchCommand(scoped, bounded.input),
        answer: (view) => ({ views: [view] }),
      });
    },
    handleAction: async (input) => {
      const bounded = boundInput(input);
      if (!bounded.ok)
        return { card: refusalView(bounded, deps.settings.timeZone), views: [], refused: true };
      return answeringWriteFailure(deps, {
        what: `action ${input.verb.slice(0, 40)}`,
        run: () => dispatchAction(deps, bounded.input),
        answer: (view) => ({ card: view, views: [], refused: true }),
      });
    },
    home: async (input) => {
      const bounded = boundInput(input);
      if (!bounded.ok) return [refusalView(bounded, deps.settings.timeZone)];
      return answeringWriteFailure(deps, {
        what: 'home',
        run: async () => {
          await noteActor(deps, bounded.input.actor);
          return homeViews(deps, { actor: bounded.input.actor });
        },
        answer: (view) => [view],
      });
    },
    viewCard: ({ actor, cardKey, origin }) =>
      viewCardFor(deps, { actorId: actor.id, cardKey, conversationId: origin?.conversationId }),
    offerForLink: ({ url }) => {
      const offer = offerForLink(deps, { url });
      return offer ? linkOfferView(offer, { timeZone: deps.settings.timeZone }) : null;
    },
    linkHosts: () => [...new Set(catalogOf(deps, deps.store.read()).flatMap((e) => e.linkHosts))],
    rememberAddress: (input) => rememberAddress(deps, input),
    addressOf: (conversationId) => deps.store.read().addresses[conversationId]?.data ?? null,
    once: (eventId, work) => events.once(eventId, work),
    markConversationGone: (input) => markConversationGone(deps, input),
  };
}
