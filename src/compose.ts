import type { AddressInfo } from 'node:net';
import { loadCatalog } from './adapters/catalog/load-catalog.js';
import { createDeliveryWorker, type DeliveryWorker } from './adapters/delivery/index.js';
import { createHmacSigner } from './adapters/security/hmac-signer.js';
import { resolveSigningSecret } from './adapters/security/secret-file.js';
import { createFileStore, createJsonlAuditLog, writeFileDurably } from './adapters/storage/index.js';
import { createEngine } from './application/create-engine.js';
import { deadlineCommands } from './application/deadlines/index.js';
import { type DeadlinePassReport, runDeadlinePass } from './application/deadlines/run-deadline-pass.js';
import type { Deps } from './application/deps.js';
import type { Engine } from './application/engine.js';
import type { Clock } from './application/ports/clock.js';
import { systemClock } from './application/ports/clock.js';
import type { Logger } from './application/ports/logger.js';
import { createJsonLogger, redactLinks } from './application/ports/logger.js';
import type { Sender } from './application/ports/sender.js';
import { recoverQueuedAudit } from './application/transact.js';
import { applyConfiguredAdmins } from './application/use-cases/configured-admins.js';
import { type Config, loadConfig } from './config.js';

export interface Core {
  deps: Deps;
  engine: Engine;
  worker: DeliveryWorker;
  /** Runs one review-deadline pass at the clock's time. */
  runDeadlines(): Promise<DeadlinePassReport>;
  close(): Promise<void>;
}

/** Opens the data directory (taking its lock), loads the catalog and builds the engine and outbox worker. */
export async function buildCore(input: {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  senders?: Partial<Record<'slack' | 'teams' | 'console', Sender>>;
}): Promise<Core> {
  const { config } = input;
  const clock = input.clock ?? systemClock;
  const logger = input.logger ?? createJsonLogger();
  const catalog = loadCatalog({ catalogFile: config.catalogFile });
  const store = await createFileStore({ dataDir: config.dataDir, clock });
  try {
    const audit = await createJsonlAuditLog({ dataDir: config.dataDir });
    const signer = createHmacSigner(
      await resolveSigningSecret({
        configured: config.stateSecret,
        dataDir: config.dataDir,
        write: writeFileDurably,
      }),
    );
    const settings = {
      plan: config.plan,
      publicUrl: config.publicUrl,
      timeZone: config.timeZone,
      o365ClientId: config.o365ClientId,
      reminderDays: config.reminderDays,
      configuredAdmins: config.admins,
    };
    const deps: Deps = { store, audit, clock, signer, catalog, settings, logger };
    await recoverQueuedAudit(deps);
    await applyConfiguredAdmins(deps);
    const engine = createEngine(deps, deadlineCommands);
    const senders = input.senders ?? {};
    const worker = createDeliveryWorker({
      store,
      senders,
      clock,
      logger,
      onGone: (g) => engine.markConversationGone(g),
    });
    return {
      deps,
      engine,
      worker,
      runDeadlines: () => runDeadlinePass(deps, { now: clock.now() }),
      close: async () => {
        await worker.stop();
        await audit.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
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
}): Promise<RunningBot> {
  const config = input.config ?? loadConfig(input.env);
  const logger = redactLinks(input.logger ?? createJsonLogger());
  // Loaded here rather than at the top: `buildCore` alone (what `tick` and `chat` use) stays light.
  const [{ createHttpServer }, { mountHttpRoutes }, { createSlackChannel }, { createTeamsChannel }] =
    await Promise.all([
      import('./adapters/http/create-server.js'),
      import('./adapters/http/routes.js'),
      import('./adapters/slack/index.js'),
      import('./adapters/teams/index.js'),
    ]);
  const server = createHttpServer({ logger });
  const senders: Partial<Record<'slack' | 'teams' | 'console', Sender>> = {};
  if (input.consoleSender) senders.console = input.consoleSender;
  const core = await buildCore({ config, clock: input.clock, logger, senders });
  const channelConfig = { publicUrl: config.publicUrl };
  const teams = createTeamsChannel({
    engine: core.engine,
    config: { ...config.teams, ...channelConfig },
    logger,
    clock: input.clock,
  });
  const slack = createSlackChannel({
    engine: core.engine,
    config: { ...config.slack, ...channelConfig },
    logger,
    clock: input.clock,
  });
  senders.teams = teams.sender;
  senders.slack = slack.sender;
  mountHttpRoutes(server, core.deps);
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
          core.runDeadlines().then(
            (report) => {
              if (report.changes.length || report.notices.length) logger.info('deadline pass', { ...report });
            },
            (error: unknown) => logger.error('deadline pass failed', { error: String(error) }),
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
