import type { AddressInfo } from 'node:net';
import { loadCatalog } from './adapters/catalog/load-catalog.js';
import { createDeliveryWorker, type DeliveryWorker, laterSender } from './adapters/delivery/index.js';
import { createOAuthClient } from './adapters/oauth/oauth-client.js';
import { createHmacSigner } from './adapters/security/hmac-signer.js';
import { randomIds } from './adapters/security/random-ids.js';
import { createSecretBox } from './adapters/security/secret-box.js';
import { resolveSigningSecret } from './adapters/security/secret-file.js';
import { SLACK_LIMITS } from './adapters/slack/rate-limits.js';
import { createFileStore, createJsonlAuditLog, writeFileDurably } from './adapters/storage/index.js';
import { TEAMS_LIMITS } from './adapters/teams/rate-limits.js';
import { createEngine } from './application/create-engine.js';
import type { Deps } from './application/deps.js';
import type { Engine } from './application/engine.js';
import type { AuditLog } from './application/ports/audit-log.js';
import type { Clock } from './application/ports/clock.js';
import { systemClock } from './application/ports/clock.js';
import type { Logger } from './application/ports/logger.js';
import { createJsonLogger, redactLinks } from './application/ports/logger.js';
import type { OAuthClient } from './application/ports/oauth-client.js';
import type { Sender } from './application/ports/sender.js';
import type { Store } from './application/ports/store.js';
import { recoverQueuedAudit } from './application/transact.js';
import { completeIntegrationConnect } from './application/use-cases/complete-integration-connect.js';
import { completeProviderConsent } from './application/use-cases/complete-provider-consent.js';
import { applyConfiguredAdmins } from './application/use-cases/configured-admins.js';
import { openExport } from './application/use-cases/export-history.js';
import { type CountdownPassReport, runCountdownPass } from './application/use-cases/run-countdown-pass.js';
import { type DeadlinePassReport, runDeadlinePass } from './application/use-cases/run-deadline-pass.js';
import { type DigestPassReport, runDigestPass } from './application/use-cases/run-digest-pass.js';
import { type PermissionPassReport, runPermissionPass } from './application/use-cases/run-permission-pass.js';
import { runRequestPass } from './application/use-cases/run-request-pass.js';
import { runRetirementPass } from './application/use-cases/run-retirement-pass.js';
import { runTimeBoxPass } from './application/use-cases/run-time-box-pass.js';
import { showHealth } from './application/use-cases/show-health.js';
import { type Config, loadConfig } from './config.js';
import type { CatalogEntry } from './domain/catalog.js';

export interface Core {
  deps: Deps;
  engine: Engine;
  worker: DeliveryWorker;
  /** Runs one review-deadline pass, one pass over waiting requests and one time-box pass at `now` (the clock's time by default). */
  runDeadlines(now?: Date): Promise<DeadlinePassReport>;
  /** Runs the digest and the countdown passes at `now` (beside the deadline pass, after it). */
  runScheduledCards(now: Date): Promise<{ digest: DigestPassReport; countdowns: CountdownPassReport }>;
  close(): Promise<void>;
}

/** Opens the storage (PostgreSQL with DATABASE_URL, else the data directory under its lock), loads the catalog and builds the engine and outbox worker. */
export async function buildCore(input: {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  senders?: Senders;
  /** Milliseconds an OAuth token or revocation endpoint may take (tests use short ones). */
  oauthTimeoutMs?: number | undefined;
}): Promise<Core> {
  const { config } = input;
  const clock = input.clock ?? systemClock;
  const logger = input.logger ?? createJsonLogger();
  const catalog = loadCatalog({ catalogFile: config.catalogFile });
  const storage = await openStorage({ config, clock, logger });
  const { store, audit } = storage;
  try {
    const secret = storage.signingSecret;
    const signer = createHmacSigner(secret);
    const oauth = createOAuthClient({ env: config.environment, timeoutMs: input.oauthTimeoutMs });
    reportOAuthReadiness({ catalog, oauth, logger });
    const settings = {
      plan: config.plan,
      publicUrl: config.publicUrl,
      timeZone: config.timeZone,
      o365ClientId: config.o365ClientId,
      reminderDays: config.reminderDays,
      digest: config.digest,
      requestDelays: config.requestDelays,
      configuredAdmins: config.admins,
    };
    const deps: Deps = {
      store,
      audit,
      clock,
      ids: randomIds,
      signer,
      catalog,
      settings,
      logger,
      oauth,
      box: createSecretBox(secret),
    };
    await recoverQueuedAudit(deps);
    await applyConfiguredAdmins(deps);
    const engine = createEngine(deps);
    const senders = input.senders ?? {};
    // On a data directory the only worker on this outbox (its lock keeps out any other process), so
    // it claims nothing; on a database every replica's worker shares the outbox and claims its targets.
    const worker = createDeliveryWorker({
      store,
      senders,
      clock,
      logger,
      onGone: (g) => engine.markConversationGone(g),
      // Claims are dated by the wall clock, which every replica and `tick --at` share (claims.ts).
      ...(storage.shared
        ? { claims: { leaseMs: config.deliveryClaimLeaseMs, leaseClock: systemClock } }
        : {}),
    });
    return {
      deps,
      engine,
      worker,
      runDeadlines: async (now = clock.now()) => {
        const deadlines = await runDeadlinePass(deps, { now });
        const requests = await runRequestPass(deps, { now });
        const timeBoxes = await runTimeBoxPass(deps, { now });
        return {
          ...deadlines,
          changes: [...deadlines.changes, ...requests.changes, ...timeBoxes.changes],
          notices: [...deadlines.notices, ...requests.notices, ...timeBoxes.notices],
        };
      },
      runScheduledCards: async (now) => ({
        digest: await runDigestPass(deps, { now }),
        countdowns: await runCountdownPass(deps, { now }),
      }),
      close: async () => {
        await worker.stop();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** Where the state, the audit history and the signing secret live: one of the two storages, opened. */
interface Storage {
  /** True when other processes (replicas) may share it: their delivery workers then claim targets. */
  shared: boolean;
  store: Store;
  audit: AuditLog;
  signingSecret: string;
  close(): Promise<void>;
}

/**
 * With DATABASE_URL, PostgreSQL (migrated at start; no data-directory lock, since several replicas
 * share the database); without it, the data directory (lowdb state under its lock, audit.jsonl,
 * the secret file), as before.
 */
async function openStorage(input: { config: Config; clock: Clock; logger: Logger }): Promise<Storage> {
  const { config, clock, logger } = input;
  if (config.databaseUrl) {
    // Loaded only when used: the driver stays out of a start on a data directory.
    const { openPostgresStorage } = await import('./adapters/storage/postgres/index.js');
    const storage = await openPostgresStorage({
      url: config.databaseUrl,
      configuredSecret: config.stateSecret,
      onError: (message, error) => logger.warn(message, { error: String(error) }),
    });
    return { ...storage, shared: true };
  }
  const store = await createFileStore({ dataDir: config.dataDir, clock });
  try {
    const audit = await createJsonlAuditLog({ dataDir: config.dataDir });
    const close = async () => {
      try {
        await audit.close();
      } finally {
        await store.close();
      }
    };
    try {
      const signingSecret = await resolveSigningSecret({
        configured: config.stateSecret,
        dataDir: config.dataDir,
        write: writeFileDurably,
      });
      return { shared: false, store, audit, signingSecret, close };
    } catch (error) {
      await audit.close();
      throw error;
    }
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** One log line per catalog entry whose connect step lacks its client id or secret in the environment. */
function reportOAuthReadiness(input: {
  catalog: readonly CatalogEntry[];
  oauth: OAuthClient;
  logger: Logger;
}) {
  for (const entry of input.catalog) {
    if (!entry.oauth) continue;
    const missing = input.oauth.missing({ id: entry.id, oauth: entry.oauth });
    if (missing.length)
      input.logger.warn(
        'connect step not configured: its integration cannot be connected until these are set',
        {
          integration: entry.id,
          missing,
        },
      );
  }
}

/** Permission changes, then the provider's retirement notice: one report of what they did. */
export async function catalogChecks(deps: Deps, now: Date): Promise<PermissionPassReport> {
  const permissions = await runPermissionPass(deps, { now });
  const retirement = await runRetirementPass(deps, { now });
  return { changes: permissions.changes, notices: [...permissions.notices, ...retirement] };
}

/** What one round of every scheduled pass did: the changes, the notices queued, and the digest's fate. */
export interface ScheduledReport {
  at: string;
  changes: string[];
  notices: string[];
  digest: DigestPassReport;
}

/**
 * Every scheduled pass at `now`, one after the other: the catalog checks, the review-deadline, waiting
 * request and time-box passes, then the digest and the countdowns. The server runs it every minute,
 * `npm run tick` once; each notice it queues goes once however often it runs (`sentKeys`).
 */
export async function runScheduledPasses(core: Core, now: Date): Promise<ScheduledReport> {
  const catalog = await catalogChecks(core.deps, now);
  const passes = await core.runDeadlines(now);
  const { digest, countdowns } = await core.runScheduledCards(now);
  return {
    at: now.toISOString(),
    changes: [...catalog.changes, ...passes.changes],
    notices: [...catalog.notices, ...passes.notices, ...digest.notices, ...countdowns.updates],
    digest,
  };
}

type Senders = Partial<Record<'slack' | 'teams' | 'console', Sender>>;

/**
 * Builds the Teams and Slack channels over the engine and hands their senders to the outbox worker.
 * The adapters load here rather than at the top, so `buildCore` alone (what `tick` and `chat` use)
 * stays light.
 */
export async function createChannels(input: {
  core: Core;
  config: Config;
  logger: Logger;
  clock?: Clock | undefined;
  senders: Senders;
}) {
  const { core, config, logger, clock } = input;
  const [{ createSlackChannel }, { createTeamsChannel }] = await Promise.all([
    import('./adapters/slack/index.js'),
    import('./adapters/teams/index.js'),
  ]);
  const channelConfig = { publicUrl: config.publicUrl };
  const teams = createTeamsChannel({
    engine: core.engine,
    config: { ...config.teams, ...channelConfig },
    logger,
    clock,
  });
  const slack = createSlackChannel({
    engine: core.engine,
    config: { ...config.slack, ...channelConfig },
    logger,
    clock,
  });
  input.senders.teams = teams.sender;
  input.senders.slack = slack.sender;
  return { teams, slack };
}

/**
 * The senders of a process that only sends (`npm run tick`), each loading while the work before its
 * first send goes on: Slack's Web API client (without the Bolt app) starts loading at once; Teams'
 * once a Teams card is due, after Slack's first cards left (their one-a-second pacing is the
 * longest), so it loads while they wait their turn. `core` is the core being built with `senders`.
 */
export function addOutboundSenders(
  senders: Senders,
  input: { config: Config; logger: Logger; core: Promise<Core> },
): void {
  const { config, logger } = input;
  const channel = { publicUrl: config.publicUrl };
  const slack = import('./adapters/slack/outbound.js').then(({ createSlackOutbound }) =>
    createSlackOutbound({ ...config.slack, ...channel }, logger),
  );
  slack.catch(() => undefined);
  senders.slack = laterSender({ limits: SLACK_LIMITS, load: () => slack });
  senders.teams = laterSender({
    limits: TEAMS_LIMITS,
    load: async () => {
      const [{ createTeamsOutbound }, core] = await Promise.all([
        import('./adapters/teams/outbound.js'),
        input.core,
      ]);
      return createTeamsOutbound({ engine: core.engine, config: config.teams });
    },
  });
}

export interface RunningBot {
  /** Where this machine reaches the server (loopback when it listens on every interface). */
  url: string;
  /** The address the server listens on. */
  address: string;
  core: Core;
  close(): Promise<void>;
}

const MINUTE = 60_000;

const urlOf = (address: string, port: number) => {
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

/** Starts the whole bot: HTTP routes, Teams, Slack, the outbox worker and the deadline pass every minute. */
export async function startBot(input: {
  env?: Record<string, string | undefined>;
  config?: Config;
  clock?: Clock;
  logger?: Logger;
  /** Milliseconds between outbox passes (tests use small values). */
  deliveryIntervalMs?: number;
  /** Set false to run deadline passes only on demand (tests, `npm run tick`). */
  scheduler?: boolean;
  /** Delivers notices for `console:` people and conversations (`npm run chat`). */
  consoleSender?: Sender;
  /** Milliseconds an OAuth token or revocation endpoint may take (tests use short ones). */
  oauthTimeoutMs?: number;
}): Promise<RunningBot> {
  const config = input.config ?? loadConfig(input.env);
  const logger = redactLinks(input.logger ?? createJsonLogger());
  // Loaded here rather than at the top: `buildCore` alone (what `tick` and `chat` use) stays light.
  const [{ createHttpServer }, { mountHttpRoutes }] = await Promise.all([
    import('./adapters/http/create-server.js'),
    import('./adapters/http/routes.js'),
  ]);
  const server = createHttpServer({ logger });
  const senders: Senders = {};
  if (input.consoleSender) senders.console = input.consoleSender;
  const core = await buildCore({
    config,
    clock: input.clock,
    logger,
    senders,
    oauthTimeoutMs: input.oauthTimeoutMs,
  });
  // The catalog's permission changes and the provider's retirement, told at start rather than a minute
  // later; the next minute's pass tries again, so a failing disk does not keep the bot from starting.
  await catalogChecks(core.deps, core.deps.clock.now()).catch((error: unknown) =>
    logger.error('catalog checks failed', { error: String(error) }),
  );
  const { teams, slack } = await createChannels({ core, config, logger, clock: input.clock, senders });
  const { deps } = core;
  mountHttpRoutes(server, {
    showHealth: () => showHealth(deps),
    checkReady: async () => (await deps.store.readiness?.()) ?? null,
    completeProviderConsent: (query) => completeProviderConsent(deps, query),
    completeIntegrationConnect: (query) => completeIntegrationConnect(deps, query),
    openExport: (token) => openExport(deps, token),
    logger: deps.logger,
  });
  teams.mount(server);
  slack.mount(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  core.worker.start(input.deliveryIntervalMs ?? 1000);
  // Not awaited: Socket Mode connects (and reconnects) in the background, logging how it fares.
  void slack.start();
  const timer =
    input.scheduler === false
      ? null
      : setInterval(() => {
          runScheduledPasses(core, core.deps.clock.now()).then(
            (report) => {
              if (report.changes.length || report.notices.length)
                logger.info('scheduled passes', { ...report });
            },
            (error: unknown) => logger.error('scheduled passes failed', { error: String(error) }),
          );
        }, MINUTE);
  timer?.unref();
  const { address, port } = server.address() as AddressInfo;
  return {
    url: urlOf(address, port),
    address,
    core,
    close: async () => {
      if (timer) clearInterval(timer);
      await slack.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}
