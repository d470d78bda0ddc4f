import type { Engine } from '../../application/engine.js';
import { type Clock, systemClock } from '../../application/ports/clock.js';
import type { Sender } from '../../application/ports/sender.js';
import type { Config } from '../../config.js';
import { createConnectorPool } from './connector.js';
import { createTeamsSender } from './sender.js';

/**
 * The outbox's Teams sender alone, without the CloudAdapter and route that serve Teams' requests:
 * what a process that only delivers (`tick`) needs. It sends as the channel's sender does, through
 * one Bot Connector client per serviceUrl.
 */
export function createTeamsOutbound(options: {
  engine: Pick<Engine, 'addressOf' | 'rememberAddress'>;
  config: Config['teams'];
  clock?: Clock;
}): Sender {
  const { config } = options;
  return createTeamsSender({
    connectors: createConnectorPool(config),
    engine: options.engine,
    appId: config.appId,
    clock: options.clock ?? systemClock,
  });
}
