import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createTeamsChannel, type TeamsChannelConfig } from '../../../src/adapters/teams/index.js';
import type { Logger } from '../../../src/application/ports/logger.js';
import type { Sender } from '../../../src/application/ports/sender.js';
import {
  type FakeBotConnector,
  type FakeBotConnectorOptions,
  startFakeBotConnector,
} from '../../fakes/bot-connector.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { createEngineDouble, type EngineDouble } from './engine-double.js';

export interface Harness {
  url: string;
  engine: EngineDouble;
  connector: FakeBotConnector;
  sender: Sender;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Extras of a harness: where the channel logs, and a handler run before routing (to set a peer address). */
export interface HarnessExtras {
  logger?: Logger;
  pre?: restify.RequestHandler;
  connector?: FakeBotConnectorOptions;
  connectorTimeoutMs?: number;
}

/** A restify server with the Teams channel mounted on an engine double, and a fake Bot Connector. */
export async function startHarness(
  config: Partial<TeamsChannelConfig> = {},
  extras: HarnessExtras = {},
): Promise<Harness> {
  const connector = await startFakeBotConnector(extras.connector);
  const engine = createEngineDouble();
  const channel = createTeamsChannel({
    engine,
    logger: extras.logger ?? silentLogger,
    connectorTimeoutMs: extras.connectorTimeoutMs,
    config: {
      appId: null,
      appPassword: null,
      tenantId: null,
      appType: 'MultiTenant',
      openIdMetadataUrl: null,
      publicUrl: 'https://bot.example.com',
      ...config,
    },
  });
  const server = restify.createServer();
  if (extras.pre) server.pre(extras.pre);
  channel.mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    engine,
    connector,
    sender: channel.sender,
    async post(body, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // plain-text answers stay text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}
