import { createHmac } from 'node:crypto';

/** Headers Slack adds to every request: `v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function slackSignature(input: {
  secret: string;
  body: string;
  timestamp: number;
}): Record<string, string> {
  const base = `v0:${input.timestamp}:${input.body}`;
  const digest = createHmac('sha256', input.secret).update(base).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(input.timestamp) };
}

/** Seconds since the epoch, as Slack's X-Slack-Request-Timestamp carries it. */
export const slackNow = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

export type SlackBody = { json: unknown } | { form: Record<string, string> };

/** Sends a request to `/slack/events` signed as Slack signs it; `timestamp` and `secret` may be overridden. */
export async function postToSlackEndpoint(input: {
  url: string;
  secret: string;
  body: SlackBody;
  timestamp?: number;
  headers?: Record<string, string>;
}): Promise<Response> {
  const isJson = 'json' in input.body;
  const raw = isJson
    ? JSON.stringify((input.body as { json: unknown }).json)
    : new URLSearchParams((input.body as { form: Record<string, string> }).form).toString();
  const timestamp = input.timestamp ?? slackNow();
  return fetch(`${input.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded',
      ...slackSignature({ secret: input.secret, body: raw, timestamp }),
      ...input.headers,
    },
    body: raw,
  });
}
