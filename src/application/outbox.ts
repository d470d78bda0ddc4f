import { systemAdmins } from '../domain/people.js';
import type { State } from '../domain/state.js';
import type { View } from './views/view.js';

/** Where admin notices go: every active admin channel, or each system admin directly when there is none. */
export function adminTargets(state: Readonly<State>): string[] {
  const channels = Object.values(state.adminChannels)
    .filter((c) => c.active)
    .map((c) => c.id);
  return channels.length ? channels : systemAdmins(state);
}

/** Queues one message in the outbox, inside the same store update as the change it reports. */
export function queueNotice(
  state: State,
  input: { now: Date; target: string; view: View; cardKey?: string | null; mode?: 'post' | 'update' },
): void {
  state.counters.notice += 1;
  state.outbox.push({
    id: `n${state.counters.notice}`,
    target: input.target,
    cardKey: input.cardKey ?? null,
    mode: input.mode ?? 'post',
    view: input.view as unknown as Record<string, unknown>,
    state: 'queued',
    attempts: 0,
    notBefore: input.now.toISOString(),
    lastError: null,
    createdAt: input.now.toISOString(),
  });
}

/**
 * Shows the current version of a card in each of `targets` and wherever it already shows: every
 * copy posted or still queued (so a card changed before it went out does not go out stale). A
 * queued post not yet sent takes the new view, a card already posted is updated in place, and a
 * new target gets a post.
 * Lookups scan `current` (the plain state) and only what changes is touched through `state`:
 * reading a whole collection through the store's change-tracking draft would cost far more.
 */
export function publishCard(
  state: State,
  input: {
    current: Readonly<State>;
    now: Date;
    cardKey: string;
    view: View;
    /** Where to post it besides where it already shows (none: only update its copies). */
    targets: readonly string[];
  },
): void {
  const posted = input.current.postedCards[input.cardKey] ?? [];
  // Where each target's first queued copy sits, found in one walk of the outbox.
  const queued = new Map<string, number>();
  input.current.outbox.forEach((n, index) => {
    if (n.cardKey === input.cardKey && n.state === 'queued' && !queued.has(n.target))
      queued.set(n.target, index);
  });
  for (const target of new Set([...input.targets, ...posted.map((p) => p.target), ...queued.keys()])) {
    const index = queued.get(target);
    const pending = index === undefined ? undefined : state.outbox[index];
    if (pending) {
      pending.view = input.view as unknown as Record<string, unknown>;
      continue;
    }
    const mode = posted.some((p) => p.target === target) ? 'update' : 'post';
    queueNotice(state, { now: input.now, target, view: input.view, cardKey: input.cardKey, mode });
  }
}
