import type { Actor } from '../../../src/application/engine.js';
import { runTimeBoxPass } from '../../../src/application/use-cases/run-time-box-pass.js';
import type { PermissionsView, TimeBoxNoticeView, View } from '../../../src/application/views/view.js';
import { person } from '../../fakes/core.js';
import { ADMINS_CHANNEL, aDeliveringCore, adminsChannel } from '../../fakes/delivering-core.js';

export { ADMINS_CHANNEL, adminsChannel };
export const ada = person('ada');
export const bob = person('bob');

/**
 * An engine on 1 Jan 2027 in `timeZone` (UTC by default) with an admin channel, a group Sales holding
 * Ada and Bob, and a worker delivering to a recording sender.
 */
export async function aTimeBoxCore(input: { now?: string; timeZone?: string } = {}) {
  const core = await aDeliveringCore({
    now: input.now ?? '2027-01-01T10:00:00Z',
    settings: { timeZone: input.timeZone ?? 'UTC' },
  });
  const { console, worker } = core;
  await core.say(core.admin, 'notify here', adminsChannel);
  await core.say(core.admin, 'group create Sales');
  await core.say(core.admin, 'group Sales add console:ada');
  await core.say(core.admin, 'group Sales add console:bob');
  await worker.runOnce();

  /** Runs one time-box pass at `at`, then delivers; returns what reached each conversation. */
  const passAt = async (at: string) => {
    core.clock.set(at);
    const report = await runTimeBoxPass(core.deps, { now: core.clock.now() });
    const before = console.sent.length;
    await worker.runOnce();
    const sent = console.sent.slice(before);
    const cards = sent.filter((m) => m.view.kind === 'timeBoxNotice') as {
      kind: 'post' | 'update';
      target: string;
      view: TimeBoxNoticeView;
    }[];
    return { report, sent, cards };
  };

  /** The approval step `text` shows the admin, and its Add button pressed with `ends` chosen (or as shown). */
  const approve = async (text: string, ends?: string, actor: Actor = core.admin) => {
    const [step] = await core.say(actor, text);
    if (step?.kind !== 'permissions') return { step, pressed: null };
    const add = (step as PermissionsView).actions[0];
    if (!add) throw new Error('the approval step has no Add');
    const pressed = await core.engine.handleAction({
      actor,
      origin: adminsChannel,
      verb: add.verb,
      data: add.data,
      ...(ends === undefined ? {} : { inputs: { ends } }),
    });
    await worker.runOnce();
    return { step: step as PermissionsView, pressed };
  };

  const messagesTo = (target: string): View[] =>
    console.sent.filter((m) => m.target === target).map((m) => m.view);
  return { ...core, console, worker, passAt, approve, messagesTo };
}
