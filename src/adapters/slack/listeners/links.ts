import type { App } from '@slack/bolt';
import { z } from 'zod';
import { resolveActor } from '../actors.js';
import type { SlackDeps } from '../replies.js';
import { payloadOf } from '../replies.js';

const LinkShared = z.looseObject({
  user: z.string().min(1),
  /** `COMPOSER` while the link is still being written. */
  channel: z.string().optional(),
  /** Not a timestamp for composer links (`U123-…-1`). */
  message_ts: z.string().optional(),
  unfurl_id: z.string().optional(),
  source: z.enum(['composer', 'conversations_history']).or(z.string()).optional(),
  links: z.array(z.looseObject({ url: z.string().min(1), domain: z.string().optional() })).max(50),
});
type LinkShared = z.infer<typeof LinkShared>;

/**
 * Which message chat.unfurl attaches to: unfurl_id with source for links in the composer
 * (or whenever Slack gave both), else channel with ts; null when the event names neither.
 */
export function unfurlTarget(
  e: LinkShared,
):
  | { unfurl_id: string; source: 'composer' | 'conversations_history' }
  | { channel: string; ts: string }
  | null {
  const source = e.source === 'composer' || e.source === 'conversations_history' ? e.source : null;
  if (e.unfurl_id && source === 'composer') return { unfurl_id: e.unfurl_id, source };
  if (e.channel && e.channel !== 'COMPOSER' && e.message_ts) return { channel: e.channel, ts: e.message_ts };
  if (e.unfurl_id && source) return { unfurl_id: e.unfurl_id, source };
  return null;
}

/** `link_shared` for the catalog's hosts → chat.unfurl with "Request {integration}?" for each link. */
export function registerLinks(app: App, deps: SlackDeps): void {
  app.event('link_shared', async ({ event }) => {
    const parsed = LinkShared.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    const actor = await resolveActor(deps, { userId: e.user });
    const unfurls: Record<string, { blocks: ReturnType<typeof payloadOf>['blocks'] }> = {};
    for (const link of e.links) {
      const offer = deps.engine.offerForLink({ actor, url: link.url });
      if (offer) unfurls[link.url] = { blocks: payloadOf(offer).blocks };
    }
    const where = unfurlTarget(e);
    if (!Object.keys(unfurls).length || !where) return;
    await deps.client.chat.unfurl({ ...where, unfurls });
  });
}
