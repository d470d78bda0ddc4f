// The Web API package itself (Bolt's own dependency, which Bolt re-exports as `webApi`): a process
// that only delivers (`tick`) then starts without loading Bolt.
import { ErrorCode, type WebClient } from '@slack/web-api';
import { describeError } from '../../application/describe-error.js';
import type { Sender } from '../../application/ports/sender.js';
import type { View } from '../../application/views/view.js';
import type { SendOutcome } from '../../domain/notice.js';
import { decodeMessageId, encodeMessageId } from './conversation.js';
import { SLACK_LIMITS } from './rate-limits.js';
import { webApiPayloadOf } from './replies.js';

const GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
]);
const FATAL = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
]);

/** Maps a Web API failure to what the delivery worker should do next. */
export function outcomeOfError(error: unknown): SendOutcome {
  const e = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  if (e?.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1;
    return {
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: seconds * 1000,
      detail: `ratelimited (retry after ${seconds} s)`,
    };
  }
  if (e?.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (GONE.has(code)) return { ok: false, kind: 'gone', detail: code };
    if (FATAL.has(code)) return { ok: false, kind: 'fatal', detail: code };
    if (code === 'ratelimited') return { ok: false, kind: 'rate-limited', retryAfterMs: 1000, detail: code };
    return { ok: false, kind: 'failed', detail: code };
  }
  if (e?.code === ErrorCode.HTTPError)
    return { ok: false, kind: 'failed', detail: `HTTP ${e.statusCode ?? '?'}` };
  return { ok: false, kind: 'failed', detail: describeError(error) };
}

/** The channel to post to: conversations are used as they are, people get their DM opened first. */
async function channelFor(client: WebClient, target: string): Promise<string> {
  const id = target.replace(/^slack:/, '');
  if (!/^[UW]/.test(id)) return id;
  const opened = await client.conversations.open({ users: id });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  return channel;
}

/** The outbox's Slack sender: chat.postMessage to channels and DMs, chat.update for cards. */
export function createSlackSender(client: WebClient | null): Sender {
  // A card queued to many channels reaches the sender as one view object (send-to-target.ts): rendered once.
  const rendered = new WeakMap<View, ReturnType<typeof webApiPayloadOf>>();
  const payload = (view: View) => {
    let known = rendered.get(view);
    if (!known) {
      known = webApiPayloadOf(view);
      rendered.set(view, known);
    }
    return known;
  };
  const disabled: SendOutcome = {
    ok: false,
    kind: 'fatal',
    detail: 'Slack is not configured (SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)',
  };
  return {
    limits: SLACK_LIMITS,
    async post({ target, view }) {
      if (!client) return disabled;
      try {
        const channel = await channelFor(client, target);
        const sent = await client.chat.postMessage({ channel, ...payload(view) });
        return { ok: true, messageId: sent.ts ? encodeMessageId(sent.channel ?? channel, sent.ts) : null };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    async update({ messageId, view }) {
      if (!client) return disabled;
      const where = decodeMessageId(messageId);
      if (!where)
        return { ok: false, kind: 'fatal', detail: `not a Slack message id: ${messageId.slice(0, 80)}` };
      try {
        await client.chat.update({ channel: where.channel, ts: where.ts, ...payload(view) });
        return { ok: true, messageId };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
