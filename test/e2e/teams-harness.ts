import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/application/ports/clock.js';
import type { RunningBot } from '../../src/compose.js';
import { ADA, APP_ID, TENANT_ID } from '../adapters/teams/activities.js';
import { libraryProblems, newerThan, schemaErrors } from '../adapters/teams/cards/card-checks.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { fixedClock } from '../fakes/clock.js';
import { type FakeOpenId, startFakeOpenId } from '../fakes/openid.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { startTestBot } from '../support/test-bot.js';
import { forgetDeliveryClaims } from '../support/test-store.js';

type Json = Record<string, unknown>;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export interface Answer {
  status: number;
  body: Json | null;
}

/** A card the bot produced, and where: a connector POST/PUT, an invoke answer or an unfurl result. */
export interface SentCard {
  where: string;
  card: Json;
  /** Highest card version allowed where it was sent (unfurl cards stay at 1.3). */
  maxVersion: number;
}

export interface TeamsBot {
  bot: RunningBot;
  connector: FakeBotConnector;
  openId: FakeOpenId | null;
  serviceUrl: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Cards of invoke answers, in order. */
  invokeCards: SentCard[];
  /** Every card sent so far: connector bodies and invoke answers. */
  allCards(): SentCard[];
  /** Problems of every card sent so far against the 1.5 schema, the `adaptivecards` library and its version cap. */
  cardProblems(): string[];
  close(): Promise<void>;
}

/** Cards of a composeExtension result (the unfurl card and its preview is a thumbnail, not an Adaptive Card). */
function unfurlCards(body: Json | null): Json[] {
  const result = body?.composeExtension as
    | { attachments?: { contentType?: string; content?: Json }[] }
    | undefined;
  return (result?.attachments ?? []).flatMap((a) =>
    a.contentType === ADAPTIVE && a.content ? [a.content] : [],
  );
}

function record(cards: SentCard[], body: Json | null): void {
  if (body?.type === ADAPTIVE && body.value && typeof body.value === 'object')
    cards.push({ where: 'invoke answer', card: body.value as Json, maxVersion: 1.5 });
  for (const card of unfurlCards(body)) cards.push({ where: 'unfurl answer', card, maxVersion: 1.3 });
}

/**
 * The real bot (startBot) on a free port with a temp data directory and a local fake Bot Connector;
 * with `auth`, an app id, single-tenant settings and a local OpenID endpoint for the channel's keys.
 * A given `dataDir` is kept at close, so a second bot can start on it (a restart); `admins` replaces ADMINS;
 * `clock` replaces the fixed one.
 */
export async function startTeamsBot(
  options: {
    auth?: boolean;
    endorsements?: readonly string[];
    dataDir?: string;
    admins?: string;
    clock?: Clock;
    /** More environment (CATALOG_FILE, …). */
    env?: Record<string, string>;
    /** A connector kept from a bot before a restart (left open at close), so stored conversations still reach it. */
    connector?: FakeBotConnector;
  } = {},
): Promise<TeamsBot> {
  const connector = options.connector ?? (await startFakeBotConnector());
  const openId = options.auth ? await startFakeOpenId({ endorsements: options.endorsements }) : null;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'teams-e2e-')));
  // A restart: the stopped bot's delivery claims (PostgreSQL only) would hold this one off its
  // conversations for their rate-limit windows, in wall time; taken as passed (test-store.ts).
  if (options.dataDir) await forgetDeliveryClaims(options.dataDir);
  const authEnv = openId
    ? {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'app-secret-not-sent-anywhere',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT_ID,
        BotOpenIdMetadata: openId.metadataUrl,
      }
    : {};
  const bot = await startTestBot({
    env: {
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.contoso.com',
      ADMINS: options.admins ?? `teams:${ADA.aadObjectId}`,
      STATE_SECRET: 'state-secret-0123456789abcdef',
      ...authEnv,
      ...options.env,
    },
    clock: options.clock ?? fixedClock('2024-05-02T10:42:00Z'),
    logger: silentLogger,
    scheduler: false,
    deliveryIntervalMs: 10,
  });
  const invokeCards: SentCard[] = [];
  const allCards = (): SentCard[] => [
    ...connector.calls.flatMap((call) =>
      ((call.body.attachments as { contentType?: string; content?: Json }[] | undefined) ?? []).map((a) => ({
        where: `${call.method} ${call.conversationId}`,
        card: a.content ?? {},
        maxVersion: 1.5,
      })),
    ),
    ...invokeCards,
  ];
  return {
    bot,
    connector,
    openId,
    serviceUrl: connector.serviceUrl,
    invokeCards,
    allCards,
    cardProblems: () =>
      allCards().flatMap(({ where, card, maxVersion }) =>
        [
          ...schemaErrors(card),
          ...libraryProblems(card),
          ...newerThan(card, maxVersion),
          ...(Number(card.version) > maxVersion ? [`version ${String(card.version)}`] : []),
        ].map((problem) => `${where}: ${problem}`),
      ),
    async post(body, headers = {}) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Json | null = null;
      try {
        parsed = text ? (JSON.parse(text) as Json) : null;
      } catch {
        parsed = { text };
      }
      record(invokeCards, parsed);
      return { status: res.status, body: parsed };
    },
    async close() {
      await bot.close();
      if (!options.connector) await connector.close();
      await openId?.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until the check holds (the outbox delivers in the background); no timing is asserted. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
