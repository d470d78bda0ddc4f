// The bare clients for the deadline fan-out of docs/performance.md, as their own process in plain JavaScript:
// a bare Slack WebClient and a bare Bot Framework ConnectorClient post the cards of a job file, each
// conversation's cards in order and every conversation at once, honouring Retry-After on a 429
// (the WebClient does so itself; the connector's 429 is waited out here). No store, no pacing of
// their own: what a script that only posts would do. Usage: node deadline-sender.mjs <job.json>
// Job: { slackApiUrl, token, slack: [{ channel, posts: [args] }], teams: [{ serviceUrl, conversationId, posts: [activity] }] }
import { readFileSync } from 'node:fs';
import bolt from '@slack/bolt';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const slack = new bolt.webApi.WebClient(job.token, {
  slackApiUrl: job.slackApiUrl,
  logLevel: bolt.LogLevel.ERROR,
});
const credentials = new MicrosoftAppCredentials('', '');
const connectors = new Map();
const connectorFor = (serviceUrl) => {
  if (!connectors.has(serviceUrl))
    connectors.set(serviceUrl, new ConnectorClient(credentials, { baseUri: serviceUrl }));
  return connectors.get(serviceUrl);
};

async function postTeams(connector, conversationId, activity) {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      return await connector.conversations.sendToConversation(conversationId, activity);
    } catch (error) {
      if (error?.statusCode !== 429) throw error;
      const seconds = Number(error.response?.headers?.get?.('retry-after') ?? 1);
      await sleep(Math.max(1, seconds) * 1000);
    }
  }
  throw new Error('still rate limited after 10 attempts');
}

let sent = 0;
await Promise.all([
  ...job.slack.map(async ({ channel, posts }) => {
    for (const args of posts) {
      await slack.chat.postMessage({ ...args, channel });
      sent += 1;
    }
  }),
  ...job.teams.map(async ({ serviceUrl, conversationId, posts }) => {
    const connector = connectorFor(serviceUrl);
    for (const activity of posts) {
      await postTeams(connector, conversationId, activity);
      sent += 1;
    }
  }),
]);
process.stdout.write(`sent ${sent}\n`);
