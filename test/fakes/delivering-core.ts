import { createDeliveryWorker } from '../../src/adapters/delivery/index.js';
import type { Origin } from '../../src/application/engine.js';
import { createFakeSender } from '../adapters/delivery/fake-sender.js';
import { aCore } from './core.js';

export const ADMINS_CHANNEL = 'console:#admins';
export const adminsChannel: Origin = { conversationId: ADMINS_CHANNEL, kind: 'channel', name: 'admins' };

/**
 * `aCore` with a delivery worker sending to a recording console sender (`console.sent`), its waits
 * passing on the core's clock: what the scheduled passes' tests deliver through.
 */
export async function aDeliveringCore(input: Parameters<typeof aCore>[0] = {}) {
  const core = await aCore(input);
  const console = createFakeSender({ limits: [] });
  const worker = createDeliveryWorker({
    store: core.store,
    senders: { console },
    clock: core.clock,
    logger: core.deps.logger,
    onGone: (g) => core.engine.markConversationGone(g),
    sleep: async (ms) => core.clock.advance(ms),
  });
  return { ...core, console, worker };
}
