import type { Deps } from '../deps.js';

/** What `/healthz` reports: notices waiting to be delivered, and the server's time. */
export function showHealth(deps: Pick<Deps, 'store' | 'clock'>): { queued: number; time: string } {
  const queued = deps.store.read().outbox.filter((n) => n.state === 'queued').length;
  return { queued, time: deps.clock.now().toISOString() };
}
