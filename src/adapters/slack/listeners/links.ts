import type { App } from '@slack/bolt';
import { z } from 'zod';
import { actorOf } from '../conversation.js';
import type { SlackDeps } from '../replies.js';
import { payloadOf } from '../replies.js';

const LinkShared = z.looseObject({
  user: z.string().min(1),
  channel: z.string().min(1),
  message_ts: z.string().min(1),
  unfurl_id: z.string().optional(),
  source: z.string().optional(),
  links: z.array(z.looseObject({ url: z.string().min(1), domain: z.string().optional() })).max(50),
});

/** `link_shared` for the catalog's hosts → chat.unfurl with "Request {integration}?" for each link. */
export function registerLinks(app: App, deps: SlackDeps): void {
  app.event('link_shared', async ({ event }) => {
    const parsed = LinkShared.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    const actor = actorOf(e.user);
    const unfurls: Record<string, { blocks: ReturnType<typeof payloadOf>['blocks'] }> = {};
    for (const link of e.links) {
      const offer = deps.engine.offerForLink({ actor, url: link.url });
      if (offer) unfurls[link.url] = { blocks: payloadOf(offer).blocks };
    }
    if (!Object.keys(unfurls).length) return;
    const where =
      e.source === 'composer' && e.unfurl_id
        ? { unfurl_id: e.unfurl_id, source: 'composer' as const }
        : { channel: e.channel, ts: e.message_ts };
    await deps.client.chat.unfurl({ ...where, unfurls });
  });
}
