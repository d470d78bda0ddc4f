import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockActions, interactivity, slashCommand } from '../../adapters/slack/payloads.js';
import { ADA, messageActivity, type Scope } from '../../adapters/teams/activities.js';
import { allStrings } from '../../adapters/teams/cards/card-checks.js';
import { type ConnectorCall, startFakeBotConnector } from '../../fakes/bot-connector.js';
import { type SlackCall, startFakeSlackApi, type TransportFault } from '../../fakes/slack-api.js';
import { postToSlackEndpoint } from '../../fakes/slack-signing.js';
import { deliveryOf } from './notice-keys.js';

export const SECRET = 'slack-signing-secret-for-suites';
export const TOKEN = 'xoxb-suites-token';
export const ADMIN = 'UADMIN';
export const ADMIN_CHANNEL = 'C0ADMINS';
export const TEAMS_ADMIN = ADA;

/** One notice the fakes accepted (a post, not an update or an answer), in arrival order. */
export interface Delivery {
  seq: number;
  /** Where it went: a Slack channel or DM, a Teams conversation. */
  target: string;
  /** Which notice it is (see notice-keys.ts). */
  key: string;
}

/** A kill of a bot process, in the same order as deliveries. */
export interface Kill {
  seq: number;
  what: string;
}

/** The integrations the suites request: one per request, so each card names its request. */
export function writeCatalog(dir: string, count: number): { file: string; ids: string[] } {
  const ids = Array.from({ length: count }, (_, i) => `suite-${String(i + 1).padStart(4, '0')}`);
  const integrations = ids.map((id) => ({
    id,
    name: id.replace('suite-', 'Tool'),
    vendor: 'Suites',
    permissions: ['Read group posts'],
  }));
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify({ integrations }));
  return { file, ids };
}

/** The name a catalog id gets in `writeCatalog`. */
export const nameOf = (id: string) => id.replace('suite-', 'Tool');

type Running = { url: string; exited: Promise<unknown> };

/** The fake Slack Web API and Bot Connector, a log of what they delivered, and ways to talk to the bot. */
export async function startPlatforms(
  options: {
    slackFault?: (method: string) => TransportFault | undefined;
    teamsFault?: (call: Pick<ConnectorCall, 'kind' | 'method' | 'activityId'>) => TransportFault | undefined;
  } = {},
) {
  let seq = 0;
  const deliveries: Delivery[] = [];
  const kills: Kill[] = [];
  const answers = new Map<string, (text: string) => void>();
  const onDelivery = (d: Omit<Delivery, 'seq'> | null) => {
    if (d) deliveries.push({ ...d, seq: seq++ });
  };
  const slack = await startFakeSlackApi({
    token: TOKEN,
    anyone: true,
    fault: options.slackFault,
    onCall: (call: SlackCall) => {
      if (call.method.startsWith('response:')) {
        answers.get(call.method)?.(JSON.stringify(call.args));
        return;
      }
      onDelivery(deliveryOf.slack(call));
    },
  });
  const connector = await startFakeBotConnector({
    fault: options.teamsFault,
    onCall: (call) => onDelivery(deliveryOf.teams(call)),
  });
  let n = 0;
  /** Waits for the answer on a response_url, unless the bot dies or the wait runs out first. */
  const answerOn = (id: string, bot: Running, timeoutMs: number) =>
    new Promise<string | null>((resolve) => {
      const done = (text: string | null) => {
        answers.delete(`response:${id}`);
        clearTimeout(timer);
        resolve(text);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      answers.set(`response:${id}`, done);
      void bot.exited.then(() => done(null));
    });
  const send = (bot: Running, body: Parameters<typeof postToSlackEndpoint>[0]['body']) =>
    postToSlackEndpoint({ url: bot.url, secret: SECRET, body }).then(
      async (res) => ({ status: res.status, body: await res.text().catch(() => '') }),
      () => ({ status: 0, body: '' }),
    );

  return {
    slack,
    connector,
    deliveries,
    kills,
    markKill: (what: string) => kills.push({ seq: seq++, what }),
    /** The environment a bot process needs to reach the fakes. */
    env: (dataDir: string, catalogFile: string): Record<string, string> => ({
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.example.com',
      ADMINS: `slack:${ADMIN},teams:${TEAMS_ADMIN.aadObjectId}`,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slack.apiUrl,
      STATE_SECRET: 'state-secret-0123456789abcdef',
      CATALOG_FILE: catalogFile,
      // The suites count each request's admin card by the tool it names (notice-keys.ts); the digest,
      // which the first scheduled pass of a period sends, names the same tools and would count as copies.
      DIGEST: 'off',
      // Likewise a reminder re-posts a request's card and an escalation or expiry DMs people: the
      // suites' ticks run months ahead, so waiting requests are left alone there.
      REQUEST_REMIND_AFTER: '3000d',
      REQUEST_ESCALATE_AFTER: '3100d',
      REQUEST_EXPIRE_AFTER: '3200d',
    }),
    /**
     * A slash command; its answer (JSON of the acknowledgement's body, where a quick answer goes, or
     * else of the response_url post), or null when none came.
     */
    async slash(bot: Running, input: { user: string; text: string; channel?: string; timeoutMs?: number }) {
      const id = `cmd-${n++}`;
      const form = slashCommand({
        user: input.user,
        channel: input.channel ?? 'C0GENERAL',
        text: input.text,
        responseUrl: slack.responseUrl(id),
      });
      const answer = answerOn(id, bot, input.timeoutMs ?? 30_000);
      const acked = await send(bot, { form });
      if (acked.status !== 200 || acked.body.trim()) answers.get(`response:${id}`)?.(acked.body.trim());
      return (await answer) || null;
    },
    /** Clicks a button of a posted Slack message as `user`; the answer, or null. */
    async click(
      bot: Running,
      input: { user: string; button: { action_id: string; value: string }; channel: string; ts: string },
    ) {
      const id = `click-${n++}`;
      const payload = blockActions({
        user: input.user,
        button: input.button,
        channel: input.channel,
        messageTs: input.ts,
        responseUrl: slack.responseUrl(id),
      });
      const answer = answerOn(id, bot, 30_000);
      const { status } = await send(bot, interactivity(payload));
      if (status !== 200) answers.get(`response:${id}`)?.('');
      return (await answer) || null;
    },
    /** A Teams message; the text of the bot's reply to it, or null when it did not reply. */
    async teams(bot: Running, input: { from: typeof ADA; text: string; scope?: Scope }) {
      const activity = messageActivity({
        serviceUrl: connector.serviceUrl,
        from: input.from,
        scope: input.scope ?? 'personal',
        text: input.text,
      });
      const status = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(30_000),
      }).then(
        (res) => res.status,
        () => 0,
      );
      if (status !== 200) return null;
      const reply = connector.calls.find((c) => c.activityId === activity.id);
      return reply ? allStrings(reply.body).join('\n') : null;
    },
    async close() {
      await slack.close();
      await connector.close();
    },
  };
}

export type Platforms = Awaited<ReturnType<typeof startPlatforms>>;

/** A Slack button as the block_actions payload names it. */
export type SlackButton = { action_id: string; value: string };

/**
 * The "Approve for all groups" button of the admin card for `name` in the Slack admin channel, with
 * the card's ts and channel, as a click needs them; null until that card was posted.
 */
export function approveButton(
  platforms: Pick<Platforms, 'slack'>,
  name: string,
): { button: SlackButton; ts: string; channel: string } | null {
  for (const call of platforms.slack.calls) {
    if (call.method !== 'chat.postMessage' || !call.result || call.args.channel !== ADMIN_CHANNEL) continue;
    if (!String(call.args.text).includes(name)) continue;
    const blocks = (call.args.blocks ?? []) as { type: string; elements?: Partial<SlackButton>[] }[];
    for (const el of blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))) {
      const value =
        typeof el.value === 'string'
          ? (JSON.parse(el.value) as { verb?: string; data?: { scope?: string } })
          : null;
      if (value?.verb === 'approveRequest' && value.data?.scope === 'all' && el.action_id)
        return {
          button: { action_id: el.action_id, value: el.value as string },
          ts: String(call.result.ts),
          channel: ADMIN_CHANNEL,
        };
    }
  }
  return null;
}
