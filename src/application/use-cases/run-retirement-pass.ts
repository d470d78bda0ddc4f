import { retirementNoticeKey, retirementOf } from '../../domain/provider.js';
import type { Deps } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { transact } from '../transact.js';
import { retirementNotice } from '../views/provider-view.js';

/**
 * Tells admins, once across restarts, that the account's chat provider is retired or retiring,
 * with a one-click switch to its successor (docs/product.md#chat-provider). Runs at start-up and
 * beside every deadline pass. Returns the line of what it queued, if anything.
 */
export async function runRetirementPass(deps: Deps, input: { now: Date }): Promise<string[]> {
  const plain = deps.store.read();
  const retirement = retirementOf(plain.provider.current, input.now);
  if (!retirement || plain.sentKeys[retirementNoticeKey(retirement)] !== undefined) return [];
  return transact<string[]>(deps, (state) => {
    const current = retirementOf(state.provider.current, input.now);
    const targets = adminTargets(state);
    if (!current || state.sentKeys[retirementNoticeKey(current)] !== undefined || !targets.length)
      return { result: [] };
    const view = retirementNotice(current);
    for (const target of targets) queueNotice(state, { now: input.now, target, view });
    state.sentKeys[retirementNoticeKey(current)] = input.now.toISOString();
    return { result: [`provider retirement (${current.provider}) → ${targets.join(', ')}`] };
  });
}
