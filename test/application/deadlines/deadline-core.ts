import type { Settings } from '../../../src/application/deps.js';
import { runDeadlinePass } from '../../../src/application/use-cases/run-deadline-pass.js';
import type { DeadlineNoticeView } from '../../../src/application/views/view.js';
import { person } from '../../fakes/core.js';
import { ADMINS_CHANNEL, aDeliveringCore, adminsChannel } from '../../fakes/delivering-core.js';

export { ADMINS_CHANNEL, adminsChannel };
export const ada = person('ada');

/** An engine with the real deadline commands, an admin channel, and a worker that delivers to a recording sender. */
export async function aDeadlineCore(input: { now?: string; settings?: Partial<Settings> } = {}) {
  const core = await aDeliveringCore({
    now: input.now ?? '2026-12-01T10:00:00Z',
    settings: input.settings,
  });
  const { console, worker } = core;
  await core.say(core.admin, 'notify here', adminsChannel);
  /** Runs one pass at `at`, then delivers; returns the deadline cards that reached a conversation. */
  const passAt = async (at: string) => {
    core.clock.set(at);
    const report = await runDeadlinePass(core.deps, { now: core.clock.now() });
    const before = console.sent.length;
    await worker.runOnce();
    const cards = console.sent
      .slice(before)
      .filter((m) => m.view.kind === 'deadlineNotice')
      .map((m) => ({ target: m.target, at, view: m.view as DeadlineNoticeView }));
    return { report, cards };
  };
  /** Ada asks for an integration and the admin approves it for every group. */
  const approve = async (name: string) => {
    await core.say(ada, `request ${name}`);
    const [permissions] = await core.say(core.admin, `approve ${name} for all`);
    const confirm = permissions?.kind === 'permissions' ? permissions.actions[0] : undefined;
    if (!confirm) throw new Error(`approving ${name} showed no confirmation`);
    await core.engine.handleAction({
      actor: core.admin,
      origin: adminsChannel,
      verb: confirm.verb,
      data: confirm.data,
    });
    await worker.runOnce();
  };
  return { ...core, console, worker, passAt, approve };
}

/** Every `stepHours` from `from` to `to`, inclusive. */
export function* every(input: { from: string; to: string; stepHours: number }): Generator<string> {
  for (let t = Date.parse(input.from); t <= Date.parse(input.to); t += input.stepHours * 3_600_000) {
    yield new Date(t).toISOString();
  }
}
