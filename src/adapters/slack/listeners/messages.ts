import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { InboundEvent } from '../../../application/engine.js';
import { resolveActor, resolveCommandText } from '../actors.js';
import { originOf } from '../conversation.js';
import type { SlackDeps } from '../replies.js';
import { inboundEventOf, postViews } from '../replies.js';

const UserMessage = z.looseObject({
  type: z.enum(['message', 'app_mention']),
  user: z.string().min(1),
  text: z.string().nullish(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
});

/** Fields that mark a message as not typed by a person: edits, joins, bot posts, app posts. */
const Marks = z.looseObject({
  subtype: z.string().nullish(),
  bot_id: z.string().nullish(),
  bot_profile: z.unknown().optional(),
  user: z.unknown().optional(),
});

/**
 * True for messages the bot must not answer: any subtype (bot_message, message_changed,
 * message_deleted, channel_join…), posts by bots or apps, and the bot's own messages.
 */
export function isIgnoredMessage(event: unknown, botUserId?: string | null): boolean {
  const marks = Marks.safeParse(event);
  if (!marks.success) return true;
  const m = marks.data;
  return Boolean(m.subtype || m.bot_id || m.bot_profile || (botUserId && m.user === botUserId));
}

/** Runs a message's command and answers in the conversation (in the mention's thread in channels). */
async function answer(
  deps: SlackDeps,
  input: { event: unknown; botUserId?: string; inThread: boolean; inbound?: InboundEvent },
) {
  if (isIgnoredMessage(input.event, input.botUserId)) return;
  const parsed = UserMessage.safeParse(input.event);
  if (!parsed.success) {
    deps.logger.warn('slack message ignored: unexpected shape', { issue: parsed.error.issues[0]?.message });
    return;
  }
  const event = parsed.data;
  const { text, mentions } = await resolveCommandText(deps, {
    text: event.text ?? '',
    botUserId: input.botUserId,
  });
  const reply = await deps.engine.handleText({
    actor: await resolveActor(deps, { userId: event.user }),
    origin: originOf({
      channelId: event.channel,
      channelType: event.channel_type ?? (event.type === 'message' ? 'im' : null),
    }),
    text: text || 'help',
    mentions,
    event: input.inbound,
  });
  const threadTs = input.inThread ? (event.thread_ts ?? event.ts) : event.thread_ts;
  await postViews(deps, { channel: event.channel, views: reply.views, threadTs });
}

/** `app_mention` in channels and `message.im` in the bot's direct messages. */
export function registerMessages(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, context }) => {
    await answer(deps, {
      event,
      botUserId: context.botUserId,
      inThread: true,
      inbound: inboundEventOf(context),
    });
  });
  app.event('message', async ({ event, context }) => {
    if ((event as { channel_type?: string }).channel_type !== 'im') return;
    await answer(deps, {
      event,
      botUserId: context.botUserId,
      inThread: false,
      inbound: inboundEventOf(context),
    });
  });
}
