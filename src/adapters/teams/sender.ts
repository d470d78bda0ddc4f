import type { Activity } from 'botbuilder';
import type { Engine } from '../../application/engine.js';
import type { Clock } from '../../application/ports/clock.js';
import type { Sender } from '../../application/ports/sender.js';
import type { View } from '../../application/views/view.js';
import type { SendOutcome } from '../../domain/notice.js';
import { parseAddress, parseMember, referenceOf, type TeamsAddress } from './address.js';
import { CONNECTOR_TIMEOUT_MS, type Connector, type ConnectorPool } from './connector.js';
import { isLoopbackUrl } from './local-mode.js';
import { INSTALL_HINT, openPersonalChat } from './personal-chat.js';
import { TEAMS_LIMITS } from './rate-limits.js';
import { refreshUserIdsOf } from './refresh-users.js';
import { cardActivity } from './replies.js';
import { outcomeOfError } from './send-errors.js';

export interface TeamsSenderOptions {
  /** The Bot Connector clients, one per serviceUrl, shared by every send. */
  connectors: ConnectorPool;
  engine: Pick<Engine, 'addressOf' | 'rememberAddress'>;
  appId: string | null;
  clock: Clock;
  /** Milliseconds a Bot Connector call may take (CONNECTOR_TIMEOUT_MS unless a test says otherwise). */
  timeoutMs?: number;
}

export { TEAMS_LIMITS } from './rate-limits.js';

type Send = (connector: Connector, address: TeamsAddress) => Promise<SendOutcome>;

/** Conversation ids (`19:…` channels and chats, `a:…` personal chats) as opposed to people. */
const CONVERSATION_TARGET = /^teams:(19|a):/;

function outbound(view: View, address: TeamsAddress, refreshUserIds?: readonly string[]): Partial<Activity> {
  return {
    ...cardActivity(view, refreshUserIds),
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    from: { id: address.bot.id, name: address.bot.name ?? '' },
    conversation: referenceOf(address).conversation,
  };
}

function unknownTarget(target: string): SendOutcome {
  const detail = CONVERSATION_TARGET.test(target)
    ? `No Teams conversation is known for ${target} (the app was never installed there).`
    : `No Teams conversation is known for ${target}, and the bot never saw this person in Teams, so it cannot open a chat with them: ${INSTALL_HINT}.`;
  return { ok: false, kind: 'gone', detail };
}

/**
 * Local mode sends nothing off this machine (docs/security.md): the route refuses such serviceUrls, and this
 * also covers addresses stored before that check existed.
 */
function localModeBlock(options: TeamsSenderOptions, serviceUrl: string | undefined): SendOutcome | null {
  if (options.appId || serviceUrl === undefined || isLoopbackUrl(serviceUrl)) return null;
  return {
    ok: false,
    kind: 'fatal',
    detail: `Local mode (no MicrosoftAppId) sends only to this machine, not to ${new URL(serviceUrl).host}.`,
  };
}

/**
 * Where a notice for a target goes: its stored conversation, or, for a person the bot only saw in a
 * channel, group chat or unfurl, a 1:1 chat opened now and remembered so later messages reuse it.
 */
async function resolve(
  options: TeamsSenderOptions,
  target: string,
): Promise<{ ok: true; address: TeamsAddress } | { ok: false; outcome: SendOutcome }> {
  const data = options.engine.addressOf(target);
  const address = parseAddress(data);
  const member = address ? null : parseMember(data);
  const blocked = localModeBlock(options, address?.serviceUrl ?? member?.serviceUrl);
  if (blocked) return { ok: false, outcome: blocked };
  if (address) return { ok: true, address };
  if (!member) return { ok: false, outcome: unknownTarget(target) };
  const opened = await openPersonalChat({ ...options, member, now: () => options.clock.now() });
  if (!opened.ok) {
    const { outcome } = opened;
    if (outcome.ok || outcome.kind !== 'gone') return opened;
    const detail = `Teams refused a 1:1 chat with ${target} (${INSTALL_HINT}): ${outcome.detail}`;
    return { ok: false, outcome: { ok: false, kind: 'gone', detail } };
  }
  await options.engine.rememberAddress({ conversationId: target, data: opened.address });
  return opened;
}

/**
 * Posts and updates cards in conversations the bot stored an address for, and in 1:1 chats it opens
 * with people it has seen, through the Bot Connector at the stored serviceUrl (authenticated with the
 * app's credentials when an app id is set); failures come back as outcomes, never thrown.
 */
export function createTeamsSender(options: TeamsSenderOptions): Sender {
  const timeoutMs = options.timeoutMs ?? CONNECTOR_TIMEOUT_MS;
  const deliver = async (target: string, send: Send): Promise<SendOutcome> => {
    const resolved = await resolve(options, target);
    if (!resolved.ok) return resolved.outcome;
    const { address } = resolved;
    try {
      return await send(await options.connectors.connectorFor(address.serviceUrl), address);
    } catch (error) {
      return outcomeOfError(error, options.clock.now(), timeoutMs);
    }
  };
  return {
    limits: TEAMS_LIMITS,
    post: ({ target, view }) =>
      deliver(target, async (connector, address) => {
        const sent = await connector.conversations.sendToConversation(
          address.conversation.id,
          outbound(view, address, refreshUserIdsOf(view, options.engine)),
          { timeout: timeoutMs },
        );
        return { ok: true, messageId: sent.id ?? null };
      }),
    update: ({ target, messageId, view }) =>
      deliver(target, async (connector, address) => {
        const activity = {
          ...outbound(view, address, refreshUserIdsOf(view, options.engine)),
          id: messageId,
        };
        await connector.conversations.updateActivity(address.conversation.id, messageId, activity, {
          timeout: timeoutMs,
        });
        return { ok: true, messageId };
      }),
  };
}
