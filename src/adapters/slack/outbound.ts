import { WebClient } from '@slack/web-api';
import type { Logger } from '../../application/ports/logger.js';
import type { Sender } from '../../application/ports/sender.js';
import type { Config } from '../../config.js';
import { boltLogger } from './bolt-support.js';
import { createSlackSender } from './sender.js';

export type SlackChannelConfig = Config['slack'] & { publicUrl: string };

/** The Web API client: SLACK_API_URL when set; no retries of its own and 429s rejected, so the outbox decides. */
export function createWebClient(config: SlackChannelConfig, logger: Logger): WebClient {
  return new WebClient(config.botToken ?? undefined, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: boltLogger(logger),
    timeout: 10_000,
  });
}

/**
 * The outbox's Slack sender alone, without the Bolt app that serves Slack's requests: what a
 * process that only delivers (`tick`) needs. Off (answering `fatal`) as the channel is, without a
 * signing secret or a bot token.
 */
export function createSlackOutbound(config: SlackChannelConfig, logger: Logger): Sender {
  if (!config.signingSecret || !config.botToken) return createSlackSender(null);
  return createSlackSender(createWebClient(config, logger));
}
