import type { App } from '@slack/bolt';
import { z } from 'zod';
import { actorOf, commandText, originOf } from '../conversation.js';
import type { SlackDeps } from '../replies.js';
import { postViews } from '../replies.js';

const UserMessage = z.looseObject({
  type: z.enum(['message', 'app_mention']),
  user: z.string().min(1),
  text: z.string().default(''),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

/** Runs a message's command and answers in the conversation (in the mention's thread in channels). */
async function answer(deps: SlackDeps, input: { event: unknown; botUserId?: string; inThread: boolean }) {
  const parsed = UserMessage.safeParse(input.event);
  if (!parsed.success) {
    deps.logger.warn('slack message ignored: unexpected shape', { issue: parsed.error.issues[0]?.message });
    return;
  }
  const event = parsed.data;
  if (event.subtype || event.bot_id) return;
  const { text, mentions } = commandText({ text: event.text, botUserId: input.botUserId });
  const reply = await deps.engine.handleText({
    actor: actorOf(event.user),
    origin: originOf({
      channelId: event.channel,
      channelType: event.channel_type ?? (event.type === 'message' ? 'im' : null),
    }),
    text: text || 'help',
    mentions,
  });
  const threadTs = input.inThread ? (event.thread_ts ?? event.ts) : event.thread_ts;
  await postViews(deps, { channel: event.channel, views: reply.views, threadTs });
}

/** `app_mention` in channels and `message.im` in the bot's direct messages. */
export function registerMessages(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, context }) => {
    await answer(deps, { event, botUserId: context.botUserId, inThread: true });
  });
  app.event('message', async ({ event, context }) => {
    if ((event as { channel_type?: string }).channel_type !== 'im') return;
    await answer(deps, { event, botUserId: context.botUserId, inThread: false });
  });
}
