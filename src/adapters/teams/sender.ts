import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Engine } from '../../application/engine.js';
import type { Clock } from '../../application/ports/clock.js';
import type { Sender } from '../../application/ports/sender.js';
import type { View } from '../../application/views/view.js';
import type { SendOutcome } from '../../domain/notice.js';
import { parseAddress, referenceOf } from './address.js';
import { cardActivity } from './replies.js';
import { outcomeOfError } from './send-errors.js';

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  engine: Pick<Engine, 'addressOf'>;
  appId: string | null;
  clock: Clock;
}

/** Teams: 7 messages a second and 60 per 30 seconds per conversation (SPEC §5). */
export const TEAMS_LIMITS = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
] as const;

type Send = (context: TurnContext) => Promise<SendOutcome>;

/**
 * Posts and updates cards in conversations the bot stored an address for, through the
 * Bot Connector at the address's serviceUrl; failures come back as outcomes, never thrown.
 */
export function createTeamsSender(options: TeamsSenderOptions): Sender {
  const deliver = async (target: string, send: Send): Promise<SendOutcome> => {
    const address = parseAddress(options.engine.addressOf(target));
    if (!address)
      return {
        ok: false,
        kind: 'gone',
        detail: `No Teams conversation is known for ${target} (the app was never installed there).`,
      };
    let outcome: SendOutcome = { ok: false, kind: 'failed', detail: 'The Bot Connector call did not run.' };
    try {
      await options.adapter.continueConversationAsync(
        options.appId ?? '',
        referenceOf(address),
        async (context) => {
          outcome = await send(context).catch((error: unknown) => outcomeOfError(error, options.clock.now()));
        },
      );
    } catch (error) {
      outcome = outcomeOfError(error, options.clock.now());
    }
    return outcome;
  };
  return {
    limits: TEAMS_LIMITS,
    post: ({ target, view }) =>
      deliver(target, async (context) => {
        const sent = await context.sendActivity(cardActivity(view));
        return { ok: true, messageId: sent?.id ?? null };
      }),
    update: ({ target, messageId, view }: { target: string; messageId: string; view: View }) =>
      deliver(target, async (context) => {
        await context.updateActivity({ ...cardActivity(view), id: messageId });
        return { ok: true, messageId };
      }),
  };
}
