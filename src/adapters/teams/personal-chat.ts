import type { SendOutcome } from '../../domain/notice.js';
import { personalAddressOf, type TeamsAddress, type TeamsMember } from './address.js';
import { CONNECTOR_TIMEOUT_MS, type ConnectorPool } from './connector.js';
import { outcomeOfCreateError } from './send-errors.js';

/** Why a person cannot be reached when Teams refuses the chat. */
export const INSTALL_HINT =
  'the app must be installed for them, or in a team they belong to, before the bot can message them';

/**
 * ConversationParameters of a 1:1 chat, as Teams expects them for `POST {serviceUrl}/v3/conversations`:
 * not a group, one `29:` member, the tenant both as `tenantId` and in `channelData`.
 */
export function personalChatParameters(member: TeamsMember): Record<string, unknown> {
  return {
    isGroup: false,
    bot: { id: member.bot.id, name: member.bot.name ?? '' },
    members: [{ id: member.user.id }],
    tenantId: member.tenantId,
    channelData: { tenant: { id: member.tenantId } },
  };
}

export interface OpenPersonalChatOptions {
  connectors: ConnectorPool;
  member: TeamsMember;
  now: () => Date;
  /** Milliseconds the create call may take (CONNECTOR_TIMEOUT_MS by default). */
  timeoutMs?: number;
}

/**
 * Opens (or finds: Teams answers with the same id for the same person) the bot's 1:1 chat with a member.
 * The create call goes through the shared connector of the serviceUrl, not `createConversationAsync`, whose
 * connector keeps the client's own retries and would wait out Retry-After itself instead of the outbox.
 */
export async function openPersonalChat(
  options: OpenPersonalChatOptions,
): Promise<{ ok: true; address: TeamsAddress } | { ok: false; outcome: SendOutcome }> {
  const { member } = options;
  const timeoutMs = options.timeoutMs ?? CONNECTOR_TIMEOUT_MS;
  try {
    const connector = await options.connectors.connectorFor(member.serviceUrl);
    const created = await connector.conversations.createConversation(personalChatParameters(member), {
      timeout: timeoutMs,
    });
    if (!created.id) {
      return {
        ok: false,
        outcome: { ok: false, kind: 'failed', detail: 'The Bot Connector created a chat without an id.' },
      };
    }
    return { ok: true, address: personalAddressOf(member, created.id) };
  } catch (error) {
    return { ok: false, outcome: outcomeOfCreateError(error, options.now(), timeoutMs) };
  }
}
