import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/application/ports/clock.js';
import type { Logger } from '../../src/application/ports/logger.js';
import { interactivity, slashCommand } from '../adapters/slack/payloads.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { startFakeSlackApi } from '../fakes/slack-api.js';
import { limitProblems } from '../fakes/slack-limits.js';
import { postToSlackEndpoint, type SlackBody } from '../fakes/slack-signing.js';
import { startTestBot } from '../support/test-bot.js';
import { forgetDeliveryClaims } from '../support/test-store.js';

export const SECRET = 'slack-signing-secret-for-tests';
export const TOKEN = 'xoxb-e2e-token';
export const ADMIN = 'UADMIN';
export const MEMBER = 'UMEMBER';
/** A second admin, made one by `admin add` in the tests that need two. */
export const ADMIN2 = 'UGRACE';

/** The fake workspace's people: the member set no display name, so Slack shows their real name. */
export const PEOPLE = {
  [ADMIN]: { name: 'ada', realName: 'Ada Lovelace', displayName: 'Ada' },
  [ADMIN2]: { name: 'grace', realName: 'Grace Hopper', displayName: 'Grace' },
  [MEMBER]: { name: 'max', realName: 'Max Member', displayName: '' },
};

/** The real bot on a free port, Slack enabled and pointed at a local fake Web API; `env` adds settings. */
export async function startSlackBot(
  options: {
    clock?: Clock;
    /** A data directory kept at close, so a second bot can start on it (a restart). */
    dataDir?: string;
    /** More environment (CATALOG_FILE, …). */
    env?: Record<string, string>;
    logger?: Logger;
  } = {},
) {
  const api = await startFakeSlackApi({ token: TOKEN, users: PEOPLE });
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'slack-e2e-')));
  // A restart: the stopped bot's delivery claims (PostgreSQL only) would hold this one off its
  // conversations for their rate-limit windows, in wall time; taken as passed (test-store.ts).
  if (options.dataDir) await forgetDeliveryClaims(options.dataDir);
  const bot = await startTestBot({
    ...(options.clock ? { clock: options.clock } : {}),
    logger: options.logger ?? silentLogger,
    deliveryIntervalMs: 20,
    scheduler: false,
    env: {
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.example.com',
      ADMINS: `slack:${ADMIN}`,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: api.apiUrl,
      STATE_SECRET: 'state-secret-0123456789abcdef',
      ...options.env,
    },
  });
  let n = 0;
  const send = (body: SlackBody, extra: { timestamp?: number; headers?: Record<string, string> } = {}) =>
    postToSlackEndpoint({ url: bot.url, secret: SECRET, body, ...extra });
  /**
   * Runs a slash command and returns its answer: the acknowledgement's body when the bot answered
   * there (a quick answer), else what it posted to the response_url.
   */
  const slash = async (user: string, text: string, channel = 'C0GENERAL', channelName?: string) => {
    const id = `cmd-${n++}`;
    const form = slashCommand({ user, channel, channelName, text, responseUrl: api.responseUrl(id) });
    const res = await send({ form });
    if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
    const body = await res.text();
    if (body.trim() !== '') return JSON.parse(body) as Record<string, unknown>;
    return (await api.waitFor(`response:${id}`))[0]?.args ?? {};
  };
  const click = (payload: unknown) => send(interactivity(payload));
  let checked = 0;
  return {
    api,
    bot,
    dataDir,
    send,
    slash,
    click,
    nextResponseUrl: () => api.responseUrl(`click-${n++}`),
    /** What the bot posted to a response_url, once it did. */
    answerOn: async (responseUrl: string) =>
      (await api.waitFor(`response:${responseUrl.split('/').pop()}`))[0]?.args ?? {},
    /** The first message posted to `channel` whose fallback text matches, once the outbox sent it. */
    postIn: (channel: string, text: RegExp) =>
      api.waitForMatch(
        'chat.postMessage',
        (c) => c.args.channel === channel && text.test(String(c.args.text)),
      ),
    /** Breaches of Slack's Block Kit limits in what the bot sent since the last look. */
    newLimitProblems: () => {
      const fresh = api.history.slice(checked);
      checked = api.history.length;
      return limitProblems(fresh);
    },
    close: async () => {
      await bot.close();
      await api.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type SlackBot = Awaited<ReturnType<typeof startSlackBot>>;

type Element = {
  type?: string;
  action_id?: string;
  value?: string;
  options?: { value: string }[];
};
type Block = { type: string; elements?: Element[]; accessory?: Element };

/** What a click can target: a button, or an option of an overflow menu (same action id, `menu: true`). */
function clickables(element: Element): { action_id: string; value: string; menu: boolean }[] {
  if (element.type === 'overflow')
    return (element.options ?? []).map((o) => ({
      action_id: String(element.action_id),
      value: o.value,
      menu: true,
    }));
  return typeof element.value === 'string'
    ? [{ action_id: String(element.action_id), value: element.value, menu: false }]
    : [];
}

/** The buttons and menu options of a posted message (actions blocks and section accessories), by verb. */
export function buttonsOf(blocks: unknown): {
  action_id: string;
  value: string;
  verb: string;
  data: Record<string, string>;
  menu: boolean;
}[] {
  return ((blocks as Block[]) ?? [])
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : b.accessory ? [b.accessory] : []))
    .flatMap(clickables)
    .map((e) => {
      const value = JSON.parse(e.value) as { verb: string; data: Record<string, string> };
      return { ...e, verb: value.verb, data: value.data };
    });
}
