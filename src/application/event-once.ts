import type { CreateAsyncContext } from './ports/async-context.js';
import type { Clock } from './ports/clock.js';
import type { Store } from './ports/store.js';

const SEEN_EVENTS_KEPT = 5000;
const SEEN_EVENTS_BATCH = 500;

/** The inbound event whose handling is running, as the store sees it from inside an update. */
interface Running {
  id: string;
  at: string;
  recorded: boolean;
}

/** Exactly-once handling of inbound event ids, and the store that records them. */
export interface EventOnce {
  /** The store to hand every use case: its writes carry the ids of the events being handled. */
  store: Store;
  /** Runs `work` unless `eventId` was handled before; true when it ran. */
  once(eventId: string, work: () => Promise<void>): Promise<boolean>;
}

/**
 * Why not a write of its own per event: that was an fsync for every Slack event, even for a
 * command that changes nothing. Instead the id rides in the same durable write as the change
 * the event makes (so a retry after a crash never acts twice), and an event that changed
 * nothing is only remembered in memory until the next write takes it along (a retry after a
 * crash may then answer again, which changes nothing). Every SEEN_EVENTS_BATCH ids the oldest
 * beyond SEEN_EVENTS_KEPT are forgotten, so the record stays bounded.
 */
export function createEventOnce(input: {
  store: Store;
  clock: Clock;
  asyncContext: CreateAsyncContext;
}): EventOnce {
  const { store, clock } = input;
  const running = input.asyncContext<Running>();
  const inFlight = new Set<string>();
  const unwritten = new Map<string, string>();
  let sincePrune = 0;

  const record = (state: Parameters<Parameters<Store['update']>[0]>[0], carried: [string, string][]) => {
    const event = running.get();
    if (event && !event.recorded) state.seenEvents[event.id] = event.at;
    for (const [id, at] of carried) state.seenEvents[id] = at;
    sincePrune += carried.length + (event && !event.recorded ? 1 : 0);
    if (sincePrune < SEEN_EVENTS_BATCH) return;
    sincePrune = 0;
    // The keys come from the plain state, not the change-tracking draft: reading 5,000 keys through it costs more.
    const ids = Object.keys(store.read().seenEvents);
    for (const old of ids.slice(0, Math.max(0, ids.length - SEEN_EVENTS_KEPT))) delete state.seenEvents[old];
  };

  const tracked: Store = {
    read: () => store.read(),
    close: () => store.close(),
    update: async (change) => {
      const carried = [...unwritten];
      const event = running.get();
      const result = await store.update((state) => {
        const value = change(state);
        record(state, carried);
        return value;
      });
      for (const [id] of carried) unwritten.delete(id);
      if (event) event.recorded = true;
      return result;
    },
  };

  const seen = (id: string) =>
    inFlight.has(id) || unwritten.has(id) || store.read().seenEvents[id] !== undefined;

  return {
    store: tracked,
    once: async (eventId, work) => {
      if (seen(eventId)) return false;
      const event: Running = { id: eventId, at: clock.now().toISOString(), recorded: false };
      inFlight.add(eventId);
      try {
        await running.run(event, work);
      } finally {
        inFlight.delete(eventId);
        if (!event.recorded) unwritten.set(eventId, event.at);
      }
      // Bounded memory: past a batch of ids that changed nothing, one write of their own records them.
      if (unwritten.size >= SEEN_EVENTS_BATCH) await tracked.update(() => undefined);
      return true;
    },
  };
}
