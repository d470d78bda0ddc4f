import { z } from 'zod';

/**
 * One message waiting in the persistent outbox. The card itself is a platform-neutral
 * view model, stored as plain JSON and rendered by the target's channel when sent.
 */
export const Notice = z.object({
  id: z.string(),
  /** A person (direct message) or a conversation id; its prefix picks the sender. */
  target: z.string(),
  /** Groups the copies of one card (`request:<id>`) so later changes update them in place. */
  cardKey: z.string().nullable(),
  mode: z.enum(['post', 'update']),
  view: z.record(z.string(), z.unknown()),
  /**
   * `sent` marks a delivered notice until the next delivery run drops it from the outbox: marking
   * one notice costs one element in the journal, where removing it would rewrite the whole outbox.
   */
  state: z.enum(['queued', 'sent', 'given-up']),
  attempts: z.number().int().nonnegative(),
  notBefore: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof Notice>;

/**
 * A delivery worker's hold on one target's notices, when several workers share the outbox (one per
 * replica): nobody else sends to the target before `until`. Kept per target, not per notice: a
 * conversation's notices go in order and under its rate limits, so one worker sends them at a time.
 */
export const TargetClaim = z.object({
  /** The worker's id (random per process). */
  by: z.string().min(1),
  /** ISO time the hold lapses, should the worker stop without releasing it. */
  until: z.string(),
  /**
   * Left by the worker that released the target while the platform's limit windows still count its
   * sends: when it got its answers, and any Retry-After end, so the next worker paces from them (its
   * own pacing knows nothing of them); kept until `keepUntil`, when no window counts them any more.
   */
  pacing: z
    .object({
      sends: z.array(z.string()),
      notBefore: z.string().optional(),
      keepUntil: z.string(),
    })
    .optional(),
});
export type TargetClaim = z.infer<typeof TargetClaim>;

/** How a sender reports one attempt; the delivery worker decides what follows. */
export type SendOutcome =
  | { ok: true; messageId: string | null }
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number; detail: string }
  | { ok: false; kind: 'gone'; detail: string }
  | { ok: false; kind: 'failed'; detail: string }
  | { ok: false; kind: 'fatal'; detail: string };

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … at most ten minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}
