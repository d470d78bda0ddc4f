import type { Settings } from '../../../src/application/deps.js';
import { runRequestPass } from '../../../src/application/use-cases/run-request-pass.js';
import { person } from '../../fakes/core.js';
import { ADMINS_CHANNEL, aDeliveringCore, adminsChannel } from '../../fakes/delivering-core.js';

export { ADMINS_CHANNEL, adminsChannel };
export const ada = person('ada');
export const bob = person('bob');
export const eve = person('eve');
export const FILED = '2027-01-04T09:00:00.000Z';
export const DAY = 86_400_000;
/** The time `days` after filing (fractions allowed). */
export const daysIn = (days: number) => new Date(Date.parse(FILED) + days * DAY).toISOString();

/** An engine with an admin channel, a second system admin, and a worker delivering to a recording sender. */
export async function aLifecycleCore(input: { settings?: Partial<Settings>; channel?: boolean } = {}) {
  const core = await aDeliveringCore({ now: FILED, settings: input.settings });
  const { console, worker } = core;
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
