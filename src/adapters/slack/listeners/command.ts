import type { App } from '@slack/bolt';
import { z } from 'zod';
import { resolveActor, resolveCommandText } from '../actors.js';
import { originOf } from '../conversation.js';
import type { SlackDeps } from '../replies.js';
import { replyPrivately } from '../replies.js';

const SlashCommand = z.looseObject({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  response_url: z.string().optional(),
});

/** `/integrations <command>`: acknowledged at once, answered privately once the engine is done. */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(/.*/, async ({ ack, body, context }) => {
    await ack();
    const parsed = SlashCommand.safeParse(body);
    if (!parsed.success) return;
    const cmd = parsed.data;
    const { text, mentions } = await resolveCommandText(deps, {
      text: cmd.text,
      botUserId: context.botUserId,
    });
    const reply = await deps.engine.handleText({
      actor: await resolveActor(deps, { userId: cmd.user_id, fallback: cmd.user_name }),
      origin: originOf({
        channelId: cmd.channel_id,
        channelType:
          cmd.channel_name === 'directmessage' ? 'im' : cmd.channel_name?.startsWith('mpdm-') ? 'mpim' : null,
        name: cmd.channel_name ?? null,
      }),
      text: text || 'help',
      mentions,
    });
    await replyPrivately(deps, { userId: cmd.user_id, responseUrl: cmd.response_url, views: reply.views });
  });
}
