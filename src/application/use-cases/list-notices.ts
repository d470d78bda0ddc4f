import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { NoticeListDone, Outcome } from '../outcomes.js';

/** `notices`: what the outbox still holds (queued, failing, given up), for admins. */
export function listNotices(deps: Deps, input: { actor: Actor }): Outcome<NoticeListDone, 'not-admin'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-notices');
  if (denied) return denied;
  const queued = state.outbox.filter((n) => n.state === 'queued');
  const givenUp = state.outbox.filter((n) => n.state === 'given-up');
  return {
    ok: true,
    notices: [...queued, ...[...givenUp].reverse()],
    queued: queued.length,
    failing: queued.filter((n) => n.attempts > 0 || n.lastError).length,
    givenUp: givenUp.length,
  };
}
