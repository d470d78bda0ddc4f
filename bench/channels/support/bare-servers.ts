import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from 'botbuilder';
import restify from 'restify';
import { SLACK_SECRET, SLACK_TOKEN } from './protocol.js';

/** A running server under test. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

async function listen(server: restify.Server): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Node request listener as a restify handler, as the bot mounts Bolt's receiver. */
function asRestifyHandler(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    await new Promise<void>((resolve) => {
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      listener(req, res);
    });
  };
}

/**
 * Bare Bolt: one App on an HTTPReceiver mounted on its own restify server with no body parser.
 * A mention is answered in its thread with say(), a slash command with ack() and respond().
 */
export async function startBareBolt(input: { slackApiUrl: string }): Promise<Served> {
  const receiver = new HTTPReceiver({
    signingSecret: SLACK_SECRET,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    token: SLACK_TOKEN,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${input.slackApiUrl}/`, retryConfig: { retries: 0 } },
  });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: `Hi <@${event.user}>, here is what I can do.`, thread_ts: event.ts });
  });
  app.command(/.*/, async ({ ack, respond, command }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: `You asked: ${command.text}` });
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.post('/slack/events', asRestifyHandler(receiver.requestListener));
  return listen(server);
}

/** Bare botbuilder: CloudAdapter in local mode on restify, an ActivityHandler replying with text. */
export async function startBareBotbuilder(): Promise<Served> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(`You said: ${context.activity.text}`));
    await next();
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false });
  server.post('/api/messages', bodyParser, async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return listen(server);
}
