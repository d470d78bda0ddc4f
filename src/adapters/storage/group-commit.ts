/**
 * Group commit: items added while a flush is in flight wait together for the next flush, so
 * one write serves many callers and throughput holds as each write grows. `add` resolves once
 * a flush that covers the item has succeeded.
 */
export interface GroupCommit<I> {
  add(item: I): Promise<void>;
  /** True while a flush is queued or in flight. */
  busy(): boolean;
  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void>;
}

interface Waiting<I> {
  item: I;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * `flush` receives every item queued since the previous flush began. When it fails, that batch
 * and everything queued behind it is handed to `abandon` (in order) and rejected, so nothing is
 * acknowledged that was not made durable. `toError` maps the failure to what callers see.
 */
export function createGroupCommit<I>(options: {
  flush: (items: readonly I[]) => Promise<void>;
  abandon?: (items: readonly I[]) => void;
  toError?: (cause: unknown) => unknown;
}): GroupCommit<I> {
  let queue: Waiting<I>[] = [];
  let running: Promise<void> | null = null;

  const fail = (lost: Waiting<I>[], cause: unknown) => {
    options.abandon?.(lost.map((w) => w.item));
    const error = options.toError ? options.toError(cause) : cause;
    for (const waiting of lost) waiting.reject(error);
  };

  const drain = async () => {
    // Let every change made in the current tick join the first write.
    await null;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await options.flush(batch.map((w) => w.item));
      } catch (cause) {
        const lost = [...batch, ...queue];
        queue = [];
        fail(lost, cause);
        continue;
      }
      for (const waiting of batch) waiting.resolve();
    }
    running = null;
  };

  return {
    add: (item) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= drain();
      }),
    busy: () => running !== null,
    idle: () => running ?? Promise.resolve(),
  };
}
