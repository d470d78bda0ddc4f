/** One message a conversation got, when it reached the fake platform (ms since the epoch). */
export interface Arrival {
  conversation: string;
  at: number;
}

/** A platform limit: at most `count` messages in any `perMs` window of one conversation. */
export interface Limit {
  count: number;
  perMs: number;
}

/** The most messages one conversation got within any `perMs` window, and where. */
export interface Peak {
  limit: Limit;
  most: number;
  conversation: string | null;
  /** Conversations that got more than the limit, each with its busiest window's start. */
  over: string[];
}

/**
 * Counts, for each limit, the most messages any one conversation received within any window of
 * `perMs` (windows start at an arrival; a message `perMs` or more after it is outside). `slackMs`
 * leaves room for timer resolution: a window is `perMs - slackMs` long.
 */
export function peaks(arrivals: readonly Arrival[], limits: readonly Limit[], slackMs = 0): Peak[] {
  const byConversation = new Map<string, number[]>();
  for (const a of arrivals)
    byConversation.set(a.conversation, [...(byConversation.get(a.conversation) ?? []), a.at]);
  return limits.map((limit) => {
    let most = 0;
    let where: string | null = null;
    const over: string[] = [];
    for (const [conversation, times] of byConversation) {
      const sorted = [...times].sort((x, y) => x - y);
      let end = 0;
      let worst = 0;
      let worstAt = 0;
      for (let start = 0; start < sorted.length; start++) {
        const from = sorted[start] as number;
        end = Math.max(end, start);
        while (end + 1 < sorted.length && (sorted[end + 1] as number) - from < limit.perMs - slackMs)
          end += 1;
        if (end - start + 1 > worst) {
          worst = end - start + 1;
          worstAt = from;
        }
      }
      if (worst > most) {
        most = worst;
        where = conversation;
      }
      if (worst > limit.count)
        over.push(
          `${conversation}: ${worst} within ${limit.perMs} ms from ${new Date(worstAt).toISOString()}`,
        );
    }
    return { limit, most, conversation: where, over };
  });
}
