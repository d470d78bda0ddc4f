import { z } from 'zod';
import { MAX_ID_LENGTH } from '../../domain/limits.js';

/**
 * An id Teams sends (conversation, person, AAD object, activity, tenant, team, channel): it becomes a
 * stored key, a connector URL path and an `x-ms-conversation-id` header, so it must be something all
 * three take. Teams' own ids are printable ASCII without spaces (`19:…@thread.tacv2`, `29:…`, GUIDs).
 */
const TeamsId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Longest serviceUrl taken; Teams' are short (`https://smba.trafficmanager.net/emea/`). */
const MAX_SERVICE_URL_LENGTH = 2000;

/** A person or bot as Bot Framework names it (`29:…` users, `28:<appId>` bots). */
export const ChannelAccount = z.object({
  id: TeamsId,
  name: z.string().optional().nullable(),
  aadObjectId: TeamsId.optional().nullable(),
});
export type ChannelAccount = z.infer<typeof ChannelAccount>;

export const TeamsConversation = z.object({
  id: TeamsId,
  conversationType: z.string().optional().nullable(),
  tenantId: TeamsId.optional().nullable(),
  name: z.string().optional().nullable(),
  isGroup: z.boolean().optional().nullable(),
});

/** A mention entity: `{ type: 'mention', mentioned: { id, name }, text: '<at>Name</at>' }`. */
export const MentionEntity = z.object({
  type: z.literal('mention'),
  mentioned: ChannelAccount,
  text: z.string().optional().nullable(),
});
export type MentionEntity = z.infer<typeof MentionEntity>;

const ChannelData = z
  .object({
    tenant: z.object({ id: TeamsId }).partial().optional().nullable(),
    team: z.object({ id: TeamsId, name: z.string().optional().nullable() }).partial().optional().nullable(),
    channel: z
      .object({ id: TeamsId, name: z.string().optional().nullable() })
      .partial()
      .optional()
      .nullable(),
  })
  .partial();

/** The fields of an inbound activity this channel relies on; anything else is carried through untouched. */
export const InboundActivity = z.object({
  type: z.string().min(1),
  id: TeamsId.optional().nullable(),
  channelId: z.string().min(1),
  serviceUrl: z
    .string()
    .max(MAX_SERVICE_URL_LENGTH)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .url(),
  from: ChannelAccount,
  recipient: ChannelAccount,
  conversation: TeamsConversation,
  text: z.string().optional().nullable(),
  name: z.string().optional().nullable(),
  replyToId: TeamsId.optional().nullable(),
  value: z.unknown().optional(),
  entities: z.array(z.record(z.string(), z.unknown())).optional().nullable(),
  channelData: ChannelData.optional().nullable(),
  membersAdded: z.array(ChannelAccount).optional().nullable(),
  locale: z.string().optional().nullable(),
});
export type InboundActivity = z.infer<typeof InboundActivity>;

/** Parses an HTTP body as an activity; the issue names the first bad field, for a 400 answer. */
export function parseInboundActivity(
  body: unknown,
): { ok: true; activity: InboundActivity } | { ok: false; error: string } {
  const parsed = InboundActivity.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `Malformed activity: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(),
  };
}

/** The mention entities of an activity, bad ones skipped. */
export function mentionEntities(activity: Pick<InboundActivity, 'entities'>): MentionEntity[] {
  return (activity.entities ?? []).flatMap((entity) => {
    const parsed = MentionEntity.safeParse(entity);
    return parsed.success ? [parsed.data] : [];
  });
}
