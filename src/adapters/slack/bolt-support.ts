import type { Authorize, Logger as BoltLogger, webApi } from '@slack/bolt';
import { LogLevel } from '@slack/web-api';
import type { Logger } from '../../application/ports/logger.js';

function line(parts: unknown[]): { message: string; fields?: Record<string, unknown> } {
  const error = parts.find((p): p is Error => p instanceof Error);
  const message = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return error
    ? {
        message: message || error.message,
        fields: { error: error.message, code: (error as { code?: string }).code },
      }
    : { message };
}

// The Web API client warns of every failed request with no status ("http request failed fetch
// failed"); the delivery worker already logs each failed attempt once with its reason, so these go
// to info rather than doubling every warning.
const REQUEST_FAILED = /^http request failed/;

/** Bolt's logger interface over ours; Bolt's debug chatter is dropped. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const write =
    (fn: 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const { message, fields } = line(parts);
      logger[fn === 'warn' && REQUEST_FAILED.test(message) ? 'info' : fn](`slack: ${message}`, fields);
    };
  return {
    debug: () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * One workspace, one bot token: auth.test runs once on first use (not at start-up, so a
 * missing Slack does not stop the server) and is retried after a failure.
 */
export function createAuthorize(input: {
  client: webApi.WebClient;
  botToken: string | null;
}): Authorize<boolean> {
  let identity: Promise<{ botUserId?: string; botId?: string }> | null = null;
  return async () => {
    if (!input.botToken) throw new Error('SLACK_BOT_TOKEN is not set');
    identity ??= input.client.auth.test().then(
      (r) => ({ botUserId: r.user_id, botId: r.bot_id }),
      (error: unknown) => {
        identity = null;
        throw new Error('auth.test failed', { cause: error });
      },
    );
    return { botToken: input.botToken, ...(await identity) };
  };
}
