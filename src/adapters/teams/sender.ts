import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Engine } from '../../application/engine.js';
import type { Clock } from '../../application/ports/clock.js';
import type { Sender } from '../../application/ports/sender.js';
import type { View } from '../../application/views/view.js';
import type { SendOutcome } from '../../domain/notice.js';
import { parseAddress, referenceOf, type TeamsAddress } from './address.js';
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

/** The part of botbuilder's ConnectorClient the sender uses. */
interface Connector {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
  };
}

type Send = (connector: Connector, address: TeamsAddress) => Promise<SendOutcome>;

/** The connector of a proactive turn, without its built-in retries: the outbox retries and honours Retry-After. */
function connectorOf(adapter: CloudAdapter, context: TurnContext): Connector {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as Connector;
  connector.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return connector;
}

function outbound(view: View, address: TeamsAddress): Partial<Activity> {
  return {
    ...cardActivity(view),
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    from: { id: address.bot.id, name: address.bot.name ?? '' },
    conversation: referenceOf(address).conversation,
  };
}

/**
 * Posts and updates cards in conversations the bot stored an address for, through the Bot Connector
 * at the address's serviceUrl (authenticated with the app's credentials when an app id is set);
 * failures come back as outcomes, never thrown.
 */
export function createTeamsSender(options: TeamsSenderOptions): Sender {
  const deliver = async (target: string, send: Send): Promise<SendOutcome> => {
    const address = parseAddress(options.engine.addressOf(target));
    if (!address) {
      return {
        ok: false,
        kind: 'gone',
        detail: `No Teams conversation is known for ${target} (the app was never installed there).`,
      };
    }
    let outcome: SendOutcome = { ok: false, kind: 'failed', detail: 'The Bot Connector call did not run.' };
    try {
      await options.adapter.continueConversationAsync(
        options.appId ?? '',
        referenceOf(address),
        async (context) => {
          outcome = await send(connectorOf(options.adapter, context), address).catch((error: unknown) =>
            outcomeOfError(error, options.clock.now()),
          );
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
      deliver(target, async (connector, address) => {
        const sent = await connector.conversations.sendToConversation(
          address.conversation.id,
          outbound(view, address),
        );
        return { ok: true, messageId: sent.id ?? null };
      }),
    update: ({ target, messageId, view }) =>
      deliver(target, async (connector, address) => {
        const activity = { ...outbound(view, address), id: messageId };
        await connector.conversations.updateActivity(address.conversation.id, messageId, activity);
        return { ok: true, messageId };
      }),
  };
}
