import type { RateLimit } from '../../application/ports/send-pacing.js';
import type { Sender } from '../../application/ports/sender.js';
import type { SendOutcome } from '../../domain/notice.js';

/**
 * A sender whose platform client loads on first use (or is already loading): sends wait for it, so
 * delivery starts with the platform that is ready and the others join as they load, and a process
 * with nothing for a platform never loads its client. A client that fails to load makes every
 * send a `fatal` outcome with the reason, never a throw.
 */
export function laterSender(input: { limits: readonly RateLimit[]; load: () => Promise<Sender> }): Sender {
  let loading: Promise<Sender | SendOutcome> | null = null;
  const loaded = (): Promise<Sender | SendOutcome> => {
    loading ??= load();
    return loading;
  };
  const load = () =>
    input.load().catch(
      (error: unknown): SendOutcome => ({
        ok: false,
        kind: 'fatal',
        detail: `could not load the sender: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
  const isSender = (value: Sender | SendOutcome): value is Sender => 'post' in value;
  return {
    limits: input.limits,
    ready: loaded,
    post: async (send) => {
      const sender = await loaded();
      return isSender(sender) ? sender.post(send) : sender;
    },
    update: async (send) => {
      const sender = await loaded();
      return isSender(sender) ? sender.update(send) : sender;
    },
  };
}
