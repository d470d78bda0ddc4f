import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import type { Settings } from '../../../src/application/deps.js';
import type { Origin } from '../../../src/application/engine.js';
import { runRequestPass } from '../../../src/application/use-cases/run-request-pass.js';
import { createFakeSender } from '../../adapters/delivery/fake-sender.js';
import { aCore, person } from '../../fakes/core.js';

export const ADMINS_CHANNEL = 'console:#admins';
export const adminsChannel: Origin = { conversationId: ADMINS_CHANNEL, kind: 'channel', name: 'admins' };
export const ada = person('ada');
export const bob = person('bob');
export const eve = person('eve');
export const FILED = '2027-01-04T09:00:00.000Z';
export const DAY = 86_400_000;
/** The time `days` after filing (fractions allowed). */
export const daysIn = (days: number) => new Date(Date.parse(FILED) + days * DAY).toISOString();

/** An engine with an admin channel, a second system admin, and a worker delivering to a recording sender. */
export async function aLifecycleCore(input: { settings?: Partial<Settings>; channel?: boolean } = {}) {
  const core = await aCore({ now: FILED, settings: input.settings });
  const console = createFakeSender({ limits: [] });
  const worker = createDeliveryWorker({
    store: core.store,
    senders: { console },
    clock: core.clock,
    logger: core.deps.logger,
    onGone: (g) => core.engine.markConversationGone(g),
    sleep: async (ms) => core.clock.advance(ms),
  });
  await core.say(core.admin, 'admin add console:root');
  if (input.channel !== false) await core.say(core.admin, 'notify here', adminsChannel);
  await worker.runOnce();
  /** Runs one pass at `at` and delivers; answers the report and what reached people. */
  const passAt = async (at: string) => {
    core.clock.set(at);
    const report = await runRequestPass(core.deps, { now: core.clock.now() });
    const before = console.sent.length;
    await worker.runOnce();
    return { report, sent: console.sent.slice(before) };
  };
  return { ...core, console, worker, passAt };
}
