/** One platform limit for one conversation: at most `count` sends in any `perMs` window. */
export interface RateLimit {
  count: number;
  perMs: number;
}

/**
 * When each conversation may next be sent to, counted from the platform's answers. Whoever sends
 * takes the conversation's slot first and reports the answer after; an implementation over a
 * store every sending process shares (a row per conversation) paces a conversation across them.
 * Times are milliseconds on the delivery clock.
 */
export interface SendPacing {
  /**
   * Asks to send to `target` at `nowMs`. When its limits allow it and nobody holds it, the slot is
   * held for this caller (until `done`, or `holdMs` at most, should the caller vanish) and `nowMs`
   * comes back; otherwise the time to ask again, later than `nowMs`.
   */
  take(input: {
    target: string;
    limits: readonly RateLimit[];
    nowMs: number;
    holdMs: number;
  }): Promise<number>;
  /**
   * Releases the slot taken. `answeredAtMs`: when the platform answered (the send counts toward the
   * limits from then, since it reached the platform no later), or null when nothing was sent.
   * `retryAfterMs`: the platform refused the send (429) and no send may start before
   * `answeredAtMs + retryAfterMs`; a refused send does not count.
   */
  done(input: {
    target: string;
    limits: readonly RateLimit[];
    answeredAtMs: number | null;
    retryAfterMs?: number;
  }): Promise<void>;
}
