import type { RateLimit } from '../../application/ports/send-pacing.js';
import type { Sender } from '../../application/ports/sender.js';
import type { SendOutcome } from '../../domain/notice.js';

/**
 * A sender whose platform client is still loading: sends wait for it, so delivery can start with
 * the platform that is ready and the others join as they load. A client that fails to load makes
 * every send a `fatal` outcome with the reason, never a throw.
 */
export function laterSender(input: { limits: readonly RateLimit[]; sender: Promise<Sender> }): Sender {
  const ready: Promise<Sender | SendOutcome> = input.sender.catch(
    (error: unknown): SendOutcome => ({
      ok: false,
      kind: 'fatal',
      detail: `could not load the sender: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  const isSender = (value: Sender | SendOutcome): value is Sender => 'post' in value;
  return {
    limits: input.limits,
    post: async (send) => {
      const sender = await ready;
      return isSender(sender) ? sender.post(send) : sender;
    },
    update: async (send) => {
      const sender = await ready;
      return isSender(sender) ? sender.update(send) : sender;
    },
  };
}
