import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { InboundActivity } from './activity.js';
import { channelConversationId } from './identity.js';

/** What the bot keeps of a Teams conversation to post there later (the project's own record, not botbuilder's). */
export const TeamsAddress = z.object({
  platform: z.literal('teams'),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  tenantId: z.string().nullable(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().nullable(),
    tenantId: z.string().nullable(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().nullable() }),
  teamId: z.string().nullable(),
  channel: z.string().nullable(),
  /** A personal chat's person (their `29:…` id, which card refresh lists name); absent elsewhere and in older records. */
  user: z
    .object({ id: z.string().min(1), name: z.string().nullable() })
    .nullable()
    .optional(),
});
export type TeamsAddress = z.infer<typeof TeamsAddress>;

/** The address of the conversation an activity came from. */
export function addressOf(activity: InboundActivity): TeamsAddress {
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null;
  return {
    platform: 'teams',
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    tenantId,
    conversation: {
      id: channelConversationId(activity.conversation.id),
      conversationType: activity.conversation.conversationType ?? null,
      tenantId,
    },
    bot: { id: activity.recipient.id, name: activity.recipient.name ?? null },
    teamId: activity.channelData?.team?.id ?? null,
    channel: activity.channelData?.channel?.id ?? null,
    user:
      activity.conversation.conversationType === 'personal'
        ? { id: activity.from.id, name: activity.from.name ?? null }
        : null,
  };
}

/** Reads a stored address back; null when the record is not a Teams address. */
export function parseAddress(data: unknown): TeamsAddress | null {
  const parsed = TeamsAddress.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The botbuilder reference for a stored address. */
export function referenceOf(address: TeamsAddress): ConversationReference {
  return {
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    bot: { id: address.bot.id, name: address.bot.name ?? '' },
    conversation: {
      id: address.conversation.id,
      conversationType: address.conversation.conversationType ?? '',
      tenantId: address.conversation.tenantId ?? undefined,
      isGroup: address.conversation.conversationType !== 'personal',
      name: '',
    },
  };
}

/**
 * What the bot keeps of a person it saw in any scope (channel, group chat, unfurl), enough to open
 * a 1:1 chat with them later: their Teams user id (`29:…`), tenant, serviceUrl and the bot's id.
 */
export const TeamsMember = z.object({
  platform: z.literal('teams'),
  kind: z.literal('member'),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  tenantId: z.string().min(1),
  user: z.object({ id: z.string().regex(/^29:/), name: z.string().nullable() }),
  bot: z.object({ id: z.string().min(1), name: z.string().nullable() }),
});
export type TeamsMember = z.infer<typeof TeamsMember>;

/** A person of an activity (its sender or an added member) as a member record; null when Teams gave no user id or tenant. */
export function memberOf(
  activity: InboundActivity,
  account: { id: string; name?: string | null | undefined },
): TeamsMember | null {
  const parsed = TeamsMember.safeParse({
    platform: 'teams',
    kind: 'member',
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null,
    user: { id: account.id, name: account.name ?? null },
    bot: { id: activity.recipient.id, name: activity.recipient.name ?? null },
  });
  return parsed.success ? parsed.data : null;
}

/** Reads a stored member record back; null when the record is something else. */
export function parseMember(data: unknown): TeamsMember | null {
  const parsed = TeamsMember.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The address of the 1:1 chat the connector opened with a member. */
export function personalAddressOf(member: TeamsMember, conversationId: string): TeamsAddress {
  return {
    platform: 'teams',
    serviceUrl: member.serviceUrl,
    channelId: member.channelId,
    tenantId: member.tenantId,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: member.tenantId },
    bot: member.bot,
    teamId: null,
    channel: null,
    user: member.user,
  };
}
