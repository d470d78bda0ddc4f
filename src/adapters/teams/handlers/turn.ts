import type { TurnContext } from 'botbuilder';
import type { Engine } from '../../../application/engine.js';
import type { Logger } from '../../../application/ports/logger.js';
import type { InboundActivity } from '../activity.js';

/** What every activity handler receives: the engine, and one parsed activity with its turn. */
export interface Turn {
  engine: Engine;
  logger: Logger;
  context: TurnContext;
  activity: InboundActivity;
}

/** One kind of inbound activity (a message, an invoke name…): whether it applies, and what to do. */
export interface ActivityHandler {
  name: string;
  matches(activity: InboundActivity): boolean;
  handle(turn: Turn): Promise<void>;
}
