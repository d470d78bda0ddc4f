import { z } from 'zod';
import type { ActionReply, Actor, Origin } from '../../application/engine.js';
import { publishHome } from './home.js';
import { SlackId, SlackTs, SlackUrl } from './payload-shapes.js';
import type { SlackDeps } from './replies.js';
import { replyPrivately, webApiPayloadOf } from './replies.js';

/**
 * Where a clicked button lives, which decides how its card is updated. A form carries it back in
 * private_metadata, which anyone who can sign a request can forge: held to the payloads' own shapes.
 */
export const Place = z.object({
  surface: z.enum(['message', 'ephemeral', 'home', 'unfurl']),
  channel: SlackId.optional(),
  ts: SlackTs.optional(),
  responseUrl: SlackUrl.optional(),
});
export type Place = z.infer<typeof Place>;

const Container = z.looseObject({
  type: z.string(),
  message_ts: z.string().optional(),
  channel_id: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
  is_app_unfurl: z.boolean().optional(),
});

/** Reads the place of a click from a block_actions payload. */
export function placeOf(body: {
  container?: unknown;
  channel?: { id?: string } | null;
  message?: { ts?: string } | null;
  response_url?: string;
}): Place {
  const container = Container.safeParse(body.container);
  const c = container.success ? container.data : null;
  const responseUrl = body.response_url;
  if (c?.type === 'view') return { surface: 'home', responseUrl };
  const channel = c?.channel_id ?? body.channel?.id;
  const ts = c?.message_ts ?? body.message?.ts;
  if (c?.is_app_unfurl || c?.type === 'message_attachment')
    return { surface: 'unfurl', channel, ts, responseUrl };
  if (c?.is_ephemeral || !channel || !ts) return { surface: 'ephemeral', channel, ts, responseUrl };
  return { surface: 'message', channel, ts, responseUrl };
}

export function originOfPlace(place: Place, userId: string): Origin {
  const channel = place.channel ?? userId;
  return {
    conversationId: `slack:${channel}`,
    kind: channel.startsWith('D') || channel === userId ? 'personal' : 'channel',
  };
}

/**
 * Shows the engine's answer to a click: a refusal only to the clicker (the card stays as
 * it was); otherwise the clicked card updated where it lives and further views to the clicker.
 */
export async function applyActionReply(
  deps: SlackDeps,
  input: { reply: ActionReply; place: Place; actor: Actor; userId: string },
) {
  const { reply, place, userId } = input;
  const privately = (views: ActionReply['views'], replaceOriginal = false) =>
    replyPrivately(deps, {
      userId,
      responseUrl: place.responseUrl,
      views: reply.privateCard ? [reply.privateCard, ...views] : views,
      replaceOriginal,
    });
  if (reply.refused) {
    await privately(reply.card ? [reply.card, ...reply.views] : reply.views);
    return;
  }
  if (reply.card && place.surface === 'message' && place.channel && place.ts) {
    await deps.client.chat.update({ channel: place.channel, ts: place.ts, ...webApiPayloadOf(reply.card) });
    await privately(reply.views);
    return;
  }
  if (reply.card && place.surface === 'ephemeral') {
    await privately([reply.card, ...reply.views], true);
    return;
  }
  await privately(reply.card ? [reply.card, ...reply.views] : reply.views);
  if (place.surface === 'home') {
    await publishHome(deps, { userId, actor: input.actor, origin: originOfPlace(place, userId) });
  }
}
