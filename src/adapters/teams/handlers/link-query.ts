import { z } from 'zod';
import type { View } from '../../../application/views/view.js';
import { renderUnfurlCard } from '../cards/index.js';
import { actorOf } from '../identity.js';
import { ADAPTIVE_CARD, answerInvoke } from '../replies.js';
import type { ActivityHandler } from './turn.js';

const LINK_QUERIES = new Set(['composeExtension/queryLink', 'composeExtension/anonymousQueryLink']);
const QueryLinkValue = z.object({ url: z.string().url().max(2048) });

function previewTitle(view: View): { title: string; text: string } {
  if (view.kind === 'message') return { title: view.text, text: (view.lines ?? []).join(' ') };
  if ('integration' in view)
    return { title: `Request ${view.integration.name}`, text: view.integration.vendor };
  return { title: 'Integration', text: '' };
}

function result(attachments: unknown[]) {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** The unfurl card with the thumbnail preview Teams shows in the compose box. */
function unfurlAttachment(view: View) {
  return {
    contentType: ADAPTIVE_CARD,
    content: renderUnfurlCard(view),
    preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: previewTitle(view) },
  };
}

/**
 * Link unfurling for the catalog's hosts: "Request Jira for your groups?". Links of other hosts, and
 * malformed queries, get an empty result so Teams shows its own preview.
 */
export const linkQueryHandler: ActivityHandler = {
  name: 'composeExtension/queryLink',
  matches: (activity) => activity.type === 'invoke' && LINK_QUERIES.has(activity.name ?? ''),
  async handle(turn) {
    const value = QueryLinkValue.safeParse(turn.activity.value);
    const view = value.success
      ? turn.engine.offerForLink({ actor: actorOf(turn.activity), url: value.data.url })
      : null;
    await answerInvoke(turn.context, result(view ? [unfurlAttachment(view)] : []));
  },
};
