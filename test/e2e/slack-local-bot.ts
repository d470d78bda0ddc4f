import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../../src/adapters/catalog/load-catalog.js';
import { createDeliveryWorker } from '../../src/adapters/delivery/index.js';
import { createHttpServer } from '../../src/adapters/http/create-server.js';
import { createHmacSigner } from '../../src/adapters/security/hmac-signer.js';
import { createSlackChannel } from '../../src/adapters/slack/index.js';
import { createMemoryAuditLog, createMemoryStore } from '../../src/adapters/storage/index.js';
import { createEngine } from '../../src/application/create-engine.js';
import type { DeadlineCommands } from '../../src/application/deadline-commands.js';
import type { Deps } from '../../src/application/deps.js';
import { systemClock } from '../../src/application/ports/clock.js';
import { silentLogger } from '../../src/application/ports/logger.js';
import { message } from '../../src/application/views/format.js';

const noDeadlines: DeadlineCommands = {
  listDeadlines: () => message('info', 'No integration faces a review deadline.'),
  keepIntegration: async () => message('info', 'Nothing to keep.'),
  disableNow: async () => message('info', 'Nothing to disable.'),
  listNotices: () => message('info', 'No notice is waiting.'),
};

/**
 * The Slack channel wired as the composition root wires it (restify server, engine over an
 * in-memory store, outbox worker with the Slack sender), for when `startBot` cannot run.
 */
export async function startLocalSlackBot(env: Record<string, string>) {
  const store = createMemoryStore();
  const deps: Deps = {
    store,
    audit: createMemoryAuditLog(),
    clock: systemClock,
    signer: createHmacSigner(env.STATE_SECRET ?? 'state-secret-0123456789abcdef'),
    catalog: loadCatalog({ catalogFile: null }),
    settings: {
      plan: 'business',
      publicUrl: env.PUBLIC_URL ?? 'http://bot.test',
      timeZone: 'UTC',
      o365ClientId: null,
      reminderDays: [30, 7, 1],
    },
    logger: silentLogger,
  };
  const now = new Date().toISOString();
  await store.update((state) => {
    for (const id of (env.ADMINS ?? '').split(',').filter(Boolean)) {
      state.people[id] = { id, name: null, role: 'system-admin', since: now } as never;
    }
  });
  const engine = createEngine(deps, noDeadlines);
  const server = createHttpServer({ logger: silentLogger });
  const slack = createSlackChannel({
    engine,
    config: {
      signingSecret: env.SLACK_SIGNING_SECRET ?? null,
      botToken: env.SLACK_BOT_TOKEN ?? null,
      apiUrl: `${env.SLACK_API_URL}/`,
      publicUrl: deps.settings.publicUrl,
    },
    logger: silentLogger,
  });
  slack.mount(server);
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });
  const worker = createDeliveryWorker({
    store,
    senders: { slack: slack.sender },
    clock: systemClock,
    logger: silentLogger,
    onGone: (g) => engine.markConversationGone(g),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  worker.start(20);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
