import { z } from 'zod';
import { MAX_ID_LENGTH } from '../../domain/limits.js';

/**
 * A Slack id (user, channel, team, enterprise): Slack's own are upper-case letters and digits
 * (`U0…`, `C0…`, `T0…`). It becomes a stored key, goes into Web API calls, and Bolt keys its
 * client pool by team and enterprise id in a plain object, so a name such as `__proto__` or
 * `constructor` there would reach Object.prototype; Slack's alphabet rules all of those out.
 */
export const SlackId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Z0-9]+$/, 'must be a Slack id (upper-case letters and digits)');
const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
/** A message timestamp (`1700000000.000100`), sent back in chat.update. */
export const SlackTs = printable(64);
/** A response_url the app posts to (`https://hooks.slack.com/…`). */
export const SlackUrl = printable(2000);

/**
 * What Bolt and the listeners read from the payloads, each where Bolt reads it when routing (before
 * any listener): `user.id`/`user.team_id`, `team.id` (null for org-wide installs), `enterprise.id`,
 * `channel.id`, `response_urls[0].response_url`, `view.app_installed_team_id`, an event's `user`
 * (a string, or an object with an id), `channel`, `channel_id`, `item.channel` and `subteam`.
 */
const User = z.looseObject({ id: SlackId, team_id: SlackId.optional() });
const Team = z.looseObject({ id: SlackId.optional(), enterprise_id: SlackId.nullish() }).nullish();
const Enterprise = z.looseObject({ id: SlackId.optional() }).nullish();
/** Bolt reads `channel.id` and `'id' in channel` when routing: an object or absent, never null. */
const ChannelObject = z.looseObject({ id: SlackId.optional() }).optional();
const Interactive = {
  user: User,
  team: Team,
  enterprise: Enterprise,
  channel: ChannelObject,
  response_url: SlackUrl.optional(),
};

const Event = z.looseObject({
  type: z.string().min(1),
  user: z.union([SlackId, z.looseObject({ id: SlackId })]).optional(),
  channel: z.union([SlackId, z.looseObject({ id: SlackId.optional() })]).optional(),
  channel_id: SlackId.optional(),
  item: z.looseObject({ channel: SlackId.optional() }).optional(),
  subteam: z.looseObject({}).optional(),
});

const Authorization = z.looseObject({ team_id: SlackId.nullish(), enterprise_id: SlackId.nullish() });

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: SlackId.optional(),
  enterprise_id: SlackId.nullish(),
  // Bolt reads `authorizations[0].is_enterprise_install` when routing.
  authorizations: z.array(Authorization).optional(),
  event: Event,
});
const Command = z.looseObject({
  command: z.string().startsWith('/'),
  user_id: SlackId,
  channel_id: SlackId,
  team_id: SlackId.optional(),
  response_url: SlackUrl.optional(),
});
const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  ...Interactive,
  container: z.looseObject({ channel_id: SlackId.optional(), message_ts: SlackTs.optional() }).optional(),
  message: z.looseObject({ ts: SlackTs.optional() }).optional(),
  actions: z.array(z.looseObject({ action_id: z.string().min(1) })).min(1),
});
const ViewPayload = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  ...Interactive,
  response_urls: z.array(z.looseObject({ response_url: SlackUrl })).optional(),
  view: z.looseObject({ id: z.string(), app_installed_team_id: SlackId.nullish() }),
});

/**
 * Whether a body has one of the payload shapes this app handles (any other gets 400), checked before
 * Bolt routes it. The candidate schema is chosen by the body's `command` or `type` field, so each request
 * is checked against one schema, not tried against all four in turn (that union was a measurable share of
 * a slash command's cost).
 */
export function isHandled(body: Record<string, unknown>): boolean {
  const schema =
    'command' in body
      ? Command
      : body.type === 'event_callback'
        ? EventCallback
        : body.type === 'block_actions'
          ? BlockActions
          : ViewPayload;
  return schema.safeParse(body).success;
}
