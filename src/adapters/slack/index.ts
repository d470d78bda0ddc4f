import type { IncomingMessage, ServerResponse } from 'node:http';
import { App } from '@slack/bolt';
import type restify from 'restify';
import type { Engine } from '../../application/engine.js';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import type { Sender } from '../../application/ports/sender.js';
import { boltLogger, createAuthorize } from './bolt-support.js';
import { registerListeners } from './listeners/index.js';
import { createWebClient, type SlackChannelConfig } from './outbound.js';
import { createSlackReceiver, SLACK_EVENTS_PATH } from './receiver.js';
import { createSlackSender } from './sender.js';
import { combineReceivers, createSocketReceiver } from './socket-receiver.js';
import { createUserNames } from './user-names.js';

export { createSlackOutbound, createWebClient, type SlackChannelConfig } from './outbound.js';

export interface SlackChannelOptions {
  engine: Engine;
  config: SlackChannelConfig;
  logger: Logger;
  /** Time for the name cache; the system clock when left out. */
  clock?: Clock;
}

/** Serves a Node request listener as a restify handler, resolving once the response is done. */
function asRestifyHandler(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  // restify accepts two-argument handlers only when they are async functions.
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    await new Promise<void>((resolve) => {
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      listener(req, res);
    });
  };
}

/**
 * The Slack channel: Bolt on `POST /slack/events` of the shared server (events, slash
 * commands, interactivity) when a signing secret is set, over Socket Mode when an app token is
 * set (both at once work too), and the outbox's Slack sender. With neither Slack is off: nothing
 * is mounted and the sender answers `fatal`. Without a signing secret `/slack/events` is not
 * mounted (404): nothing could verify what is posted there.
 */
export function createSlackChannel(options: SlackChannelOptions): {
  mount(server: restify.Server): void;
  /** Opens the Socket Mode connection, if any, and keeps it open; never rejects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  sender: Sender;
} {
  const { engine, config, logger } = options;
  if (!config.signingSecret && !config.appToken) {
    return {
      mount: () => {},
      start: async () => {},
      stop: async () => {},
      sender: createSlackSender(null),
    };
  }
  const client = createWebClient(config, logger);
  const log = boltLogger(logger);
  const http = config.signingSecret
    ? createSlackReceiver({ signingSecret: config.signingSecret, logger: log })
    : null;
  const socket = config.appToken
    ? createSocketReceiver({ appToken: config.appToken, apiUrl: config.apiUrl, logger: log })
    : null;
  const app = new App({
    receiver: combineReceivers([http?.receiver, socket?.receiver].filter((r) => r !== undefined)),
    // No conversation-context store: nothing here reads it, and its middleware ran on every request.
    convoStore: false,
    authorize: createAuthorize({ client, botToken: config.botToken }),
    logger: log,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
  });
  app.error(async (error) => {
    logger.error('slack listener failed', { code: error.code, error: error.message });
  });
  const userNames = config.botToken
    ? createUserNames({ client, clock: options.clock ?? systemClock, logger })
    : async () => null;
  registerListeners(app, { engine, client, logger, userNames });
  return {
    // No body parser on this route: Bolt verifies the signature over the raw body.
    mount: (server) => {
      if (http) server.post(SLACK_EVENTS_PATH, asRestifyHandler(http.requestListener));
    },
    start: async () => {
      if (!socket) return;
      if (!http) logger.info('slack: Socket Mode only; POST /slack/events is off (no SLACK_SIGNING_SECRET)');
      await socket.start();
    },
    stop: async () => {
      await socket?.stop();
    },
    sender: createSlackSender(config.botToken ? client : null),
  };
}
