import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { View } from '../../../application/views/view.js';
import { resolveActor, resolveCommandText } from '../actors.js';
import { originOf } from '../conversation.js';
import type { SlackDeps } from '../replies.js';
import { payloadOf, replyPrivately } from '../replies.js';

const SlashCommand = z.looseObject({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  response_url: z.string().optional(),
});

/**
 * How long a slash command may work before it is acknowledged empty and answered on its
 * response_url instead: Slack waits 3 seconds for the acknowledgement.
 */
export const ACK_WITHIN_MS = 2_000;

type SlashCommand = z.infer<typeof SlashCommand>;

async function run(deps: SlackDeps, cmd: SlashCommand, botUserId: string | undefined): Promise<View[]> {
  const { text, mentions } = await resolveCommandText(deps, { text: cmd.text, botUserId });
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
  return reply.views;
}

/** Resolves with the work's result, or with null once `ms` passed (the timer is cleared either way). */
function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `/integrations <command>`. As Slack recommends, an answer ready within ACK_WITHIN_MS goes in
 * the acknowledgement's body (one response, no call back to Slack); further views, or an answer
 * that takes longer (acknowledged empty at that point), go to the response_url.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(/.*/, async ({ ack, body, context }) => {
    const parsed = SlashCommand.safeParse(body);
    if (!parsed.success) return ack();
    const cmd = parsed.data;
    const work = run(deps, cmd, context.botUserId);
    let quick: View[] | null;
    try {
      quick = await within(work, ACK_WITHIN_MS);
    } catch (error) {
      await ack();
      throw error;
    }
    const [first, ...rest] = quick ?? [];
    await ack(first ? { response_type: 'ephemeral', ...payloadOf(first) } : undefined);
    const later = quick ? rest : await work;
    if (later.length)
      await replyPrivately(deps, { userId: cmd.user_id, responseUrl: cmd.response_url, views: later });
  });
}
