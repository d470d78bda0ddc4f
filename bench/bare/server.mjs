// The bare frameworks' server for the performance budgets (docs/performance.md), as its own process and in plain JavaScript (as the
// bot's `npm start` runs compiled JavaScript): bare Bolt and bare botbuilder on one restify
// server, each doing only what its framework needs to answer:
//   - a slash command is answered in its acknowledgement's body (ack with a message);
//   - an event (app_mention, message.im) is answered with one chat.postMessage;
//   - a Teams message is answered with one reply through the connector.
// Environment: PORT (0 = any), SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.
// Prints `listening on <url>` once it accepts connections; stops on SIGTERM.
import bolt from '@slack/bolt';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from 'botbuilder';
import restify from 'restify';

const { App, HTTPReceiver, LogLevel } = bolt;
const env = process.env;

const receiver = new HTTPReceiver({
  signingSecret: env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  token: env.SLACK_BOT_TOKEN,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: `${env.SLACK_API_URL}/`, retryConfig: { retries: 0 } },
});
app.event('app_mention', async ({ event, say }) => {
  await say({ text: `Hi <@${event.user}>, here is what I can do.`, thread_ts: event.ts });
});
app.message(async ({ message, say }) => {
  if (message.channel_type !== 'im' || message.subtype) return;
  await say({ text: `You said: ${message.text ?? ''}` });
});
app.command(/.*/, async ({ ack, command }) => {
  await ack({ response_type: 'ephemeral', text: `You asked: ${command.text}` });
});

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
server.get('/healthz', async (_req, res) => {
  res.json({ status: 'ok' });
});
// No body parser on the Slack route: Bolt checks the signature over the raw body.
server.post('/slack/events', async (req, res) => {
  await new Promise((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
    receiver.requestListener(req, res);
  });
});
server.post(
  '/api/messages',
  restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }),
  async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  },
);
server.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
