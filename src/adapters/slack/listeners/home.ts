import type { App } from '@slack/bolt';
import { z } from 'zod';
import { resolveActor } from '../actors.js';
import { publishHome } from '../home.js';
import type { SlackDeps } from '../replies.js';

const HomeOpened = z.looseObject({
  user: z.string().min(1),
  channel: z.string().optional(),
  tab: z.string().optional(),
});

/** `app_home_opened` on the Home tab → views.publish of the person's dashboard. */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    const parsed = HomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const { user, channel } = parsed.data;
    await publishHome(deps, {
      userId: user,
      actor: await resolveActor(deps, { userId: user }),
      origin: { conversationId: `slack:${channel ?? user}`, kind: 'personal' },
    });
  });
}
