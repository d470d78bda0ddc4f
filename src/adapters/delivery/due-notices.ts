import type { Notice } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';

/** When another worker's claim on a target lapses (ms), or 0 when the target is free to send to. */
export type HeldUntil = (target: string) => number;

const free: HeldUntil = () => 0;

/**
 * Queued notices due at `now`, grouped by target in outbox order; `indexOf` gets their places. A
 * target's notices go in order: one not yet due (waiting out a Retry-After or a backoff) holds
 * back those queued after it to the same target, and a target another worker holds (`heldUntil`)
 * is left to it whole.
 */
export function dueByTarget(
  state: Readonly<State>,
  now: Date,
  input: { indexOf?: Map<string, number>; heldUntil?: HeldUntil } = {},
): Map<string, Notice[]> {
  const { indexOf, heldUntil = free } = input;
  const groups = new Map<string, Notice[]>();
  const waiting = new Set<string>();
  const nowMs = now.getTime();
  for (const [i, n] of state.outbox.entries()) {
    if (n.state !== 'queued' || waiting.has(n.target)) continue;
    if (Date.parse(n.notBefore) > nowMs || (!groups.has(n.target) && heldUntil(n.target) > nowMs)) {
      waiting.add(n.target);
      continue;
    }
    indexOf?.set(n.id, i);
    const group = groups.get(n.target);
    if (group) group.push(n);
    else groups.set(n.target, [n]);
  }
  return groups;
}

/**
 * When the next notice may go: the earliest, over targets, of the first notice queued to each, or
 * of the claim another worker holds on the target when that lapses later.
 */
export function nextDueAt(state: Readonly<State>, heldUntil: HeldUntil = free): string | null {
  let next: number | null = null;
  const seen = new Set<string>();
  for (const n of state.outbox) {
    if (n.state !== 'queued' || seen.has(n.target)) continue;
    seen.add(n.target);
    const at = Math.max(Date.parse(n.notBefore), heldUntil(n.target));
    if (next === null || at < next) next = at;
  }
  return next === null ? null : new Date(next).toISOString();
}
