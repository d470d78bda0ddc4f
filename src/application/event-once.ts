import type { InboundEvent } from './engine.js';
import type { Clock } from './ports/clock.js';
import type { Store } from './ports/store.js';

const SEEN_EVENTS_KEPT = 5000;
const SEEN_EVENTS_BATCH = 500;

/**
 * Thrown from a write of an event's handling when the write finds the event already recorded: another
 * replica on the same database handled it meanwhile (a retry that reached it at the same time). The
 * write makes no change, and `once` ends the handling quietly, as for a retry seen beforehand.
 */
export class EventHandledElsewhere extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} was handled by another process`);
  }
}

/** An inbound event whose handling is running: its id, when it came, and whether a write took it along. */
interface Running extends InboundEvent {
  at: string;
  recorded: boolean;
}

/** Exactly-once handling of inbound event ids, and the stores that record them. */
export interface EventOnce {
  /** The store to hand every use case: its writes carry the ids of events that changed nothing. */
  store: Store;
  /** The same store for the handling of one event: its writes carry that event's id too. */
  storeFor(event: InboundEvent): Store;
  /** Runs `work` unless `eventId` was handled before; true when it ran. */
  once(eventId: string, work: (event: InboundEvent) => Promise<void>): Promise<boolean>;
}

/**
 * Why not a write of its own per event: that was an fsync for every Slack event, even for a
 * command that changes nothing. Instead the id rides in the same durable write as the change
 * the event makes (so a retry after a crash never acts twice), and an event that changed
 * nothing is only remembered in memory until the next write takes it along (a retry after a
 * crash may then answer again, which changes nothing). Every SEEN_EVENTS_BATCH ids the oldest
 * beyond SEEN_EVENTS_KEPT are forgotten, so the record stays bounded.
 * Why the event is handed to `work` and passed on (`storeFor`) rather than found through
 * AsyncLocalStorage: on this Node that installs promise hooks, which then run for every promise
 * of every request the process serves, whether it carries an event or not.
 */
export function createEventOnce(input: { store: Store; clock: Clock }): EventOnce {
  const { store, clock } = input;
  const inFlight = new Set<string>();
  const unwritten = new Map<string, string>();
  let sincePrune = 0;

  const record = (
    state: Parameters<Parameters<Store['update']>[0]>[0],
    carried: [string, string][],
    event: Running | null,
  ) => {
    if (event && !event.recorded) state.seenEvents[event.id] = event.at;
    for (const [id, at] of carried) state.seenEvents[id] = at;
    sincePrune += carried.length + (event && !event.recorded ? 1 : 0);
    if (sincePrune < SEEN_EVENTS_BATCH) return;
    sincePrune = 0;
    // The keys come from the plain state, not the change-tracking draft: reading 5,000 keys through it costs more.
    const ids = Object.keys(store.read().seenEvents);
    for (const old of ids.slice(0, Math.max(0, ids.length - SEEN_EVENTS_KEPT))) delete state.seenEvents[old];
  };

  const trackedFor = (event: Running | null): Store => ({
    read: () => store.read(),
    close: () => store.close(),
    update: async (change) => {
      const carried = [...unwritten];
      const result = await store.update((state, current) => {
        // Read in the write, on the newest state: a shared store (PostgreSQL) has just caught up with
        // other replicas' writes, one of which may have handled this same event.
        if (event && !event.recorded && (current ?? state).seenEvents[event.id] !== undefined)
          throw new EventHandledElsewhere(event.id);
        const value = change(state, current);
        record(state, carried, event);
        return value;
      });
      for (const [id] of carried) unwritten.delete(id);
      if (event) event.recorded = true;
      return result;
    },
  });
  const tracked = trackedFor(null);
  const events = new WeakMap<InboundEvent, Store>();

  const seen = (id: string) =>
    inFlight.has(id) || unwritten.has(id) || store.read().seenEvents[id] !== undefined;

  return {
    store: tracked,
    storeFor: (event) => {
      const known = events.get(event);
      if (known) return known;
      // Only events handed out by `once` are running ones; anything else writes as the plain store does.
      return tracked;
    },
    once: async (eventId, work) => {
      if (seen(eventId)) return false;
      const event: Running = { id: eventId, at: clock.now().toISOString(), recorded: false };
      inFlight.add(eventId);
      events.set(event, trackedFor(event));
      try {
        // Shared by replicas: a retry that reached another one first is not answered again here.
        if (store.takeEvent && !(await store.takeEvent(eventId))) {
          event.recorded = true;
          return false;
        }
        await work(event);
      } catch (error) {
        if (!(error instanceof EventHandledElsewhere && error.eventId === eventId)) throw error;
        event.recorded = true;
        return false;
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
