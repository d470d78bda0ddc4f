import type { webApi } from '@slack/bolt';
import type { Engine, InboundEvent } from '../../application/engine.js';
import type { Logger } from '../../application/ports/logger.js';
import { cardKeyOf } from '../../application/views/request-views.js';
import type { View } from '../../application/views/view.js';
import { type KnownBlock, renderBlocks } from './blocks/index.js';
import type { UserNames } from './user-names.js';

/** Where the dedup middleware leaves the running inbound event in Bolt's context. */
export const INBOUND_EVENT = 'inboundEvent';

/** The running inbound event a listener's context carries, if any. */
export const inboundEventOf = (context: Record<string, unknown>): InboundEvent | undefined =>
  (context[INBOUND_EVENT] as InboundEvent | undefined) ?? undefined;

/** What every Slack listener works with. */
export interface SlackDeps {
  engine: Engine;
  client: webApi.WebClient;
  logger: Logger;
  /** Display names by user id (cached users.info); null when unknown. */
  userNames: UserNames;
}

export function payloadOf(view: View) {
  return renderBlocks(view, { cardKey: cardKeyOf(view) });
}

/**
 * A view as Web API arguments (chat.postMessage, chat.update), its blocks already a JSON string.
 * Why: the WebClient builds its debug lines whatever the log level, so every call ran a recursive
 * `redact` copy and a JSON.stringify of the whole Block Kit payload only to drop the line, on top
 * of the JSON.stringify that form-encodes it (WebClient.makeRequest and serializeBody). A string
 * argument is sent as it is (the Web API takes `blocks` as a JSON string in a form body, which is
 * what the client would have sent), so the payload is serialised once and never walked again.
 */
export function webApiPayloadOf(view: View): { text: string; blocks: KnownBlock[] } {
  const { text, blocks } = payloadOf(view);
  // The client's argument types want the array; what it sends for one is this very string.
  return { text, blocks: JSON.stringify(blocks) as unknown as KnownBlock[] };
}

/** Posts each view as a message in a conversation, in a thread when `threadTs` is given. */
export async function postViews(
  deps: SlackDeps,
  input: { channel: string; views: readonly View[]; threadTs?: string },
) {
  for (const view of input.views) {
    await deps.client.chat.postMessage({
      channel: input.channel,
      ...webApiPayloadOf(view),
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    });
  }
}

/** Posts to a response_url (valid 30 minutes, 5 uses); false when it could not be used. */
export async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<boolean> {
  if (!/^https?:\/\//.test(url)) return false;
  // A timer cleared once the answer is in, unlike AbortSignal.timeout, which fires (and builds
  // an error) five seconds later for every post, answered or not.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    return res.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends views to a person in their direct message with the bot. */
export async function sendDirect(deps: SlackDeps, input: { userId: string; views: readonly View[] }) {
  if (!input.views.length) return;
  const opened = await deps.client.conversations.open({ users: input.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await postViews(deps, { channel, views: input.views });
}

/**
 * Shows views to one person only: ephemerally through the response_url when there is one,
 * in their direct message otherwise (or when the response_url fails).
 */
export async function replyPrivately(
  deps: SlackDeps,
  input: { userId: string; responseUrl?: string | null; views: readonly View[]; replaceOriginal?: boolean },
) {
  const rest: View[] = [];
  for (const [i, view] of input.views.entries()) {
    const replace = i === 0 && input.replaceOriginal === true;
    const body = { response_type: 'ephemeral', replace_original: replace, ...payloadOf(view) };
    const sent = input.responseUrl ? await postToResponseUrl(input.responseUrl, body) : false;
    if (!sent) rest.push(view);
  }
  await sendDirect(deps, { userId: input.userId, views: rest });
}
