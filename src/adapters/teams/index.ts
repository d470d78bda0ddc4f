import type restify from 'restify';
import type { Engine } from '../../application/engine.js';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import type { Sender } from '../../application/ports/sender.js';
import { createCloudAdapter, type TeamsChannelConfig } from './adapter.js';
import { createConnectorPool } from './connector.js';
import { mountMessages } from './route.js';
import { createTeamsSender } from './sender.js';

export type { TeamsChannelConfig } from './adapter.js';

export interface TeamsChannelOptions {
  engine: Engine;
  config: TeamsChannelConfig;
  logger: Logger;
  clock?: Clock;
  /** Milliseconds a Bot Connector call may take when delivering (tests use short ones). */
  connectorTimeoutMs?: number;
}

/** The Microsoft Teams channel: `POST /api/messages` on the shared server, and the outbox's Teams sender. */
export function createTeamsChannel(options: TeamsChannelOptions): {
  mount(server: restify.Server): void;
  sender: Sender;
} {
  const { engine, config, logger } = options;
  const adapter = createCloudAdapter({ config, logger });
  return {
    mount: (server) => {
      if (!config.appId)
        logger.warn(
          'local mode: no MicrosoftAppId, so /api/messages answers only loopback peers and replies only to loopback serviceUrls',
        );
      mountMessages({ server, adapter, engine, logger, config });
    },
    sender: createTeamsSender({
      connectors: createConnectorPool(config),
      engine,
      appId: config.appId,
      clock: options.clock ?? systemClock,
      timeoutMs: options.connectorTimeoutMs,
    }),
  };
}
