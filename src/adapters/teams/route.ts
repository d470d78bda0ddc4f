import type { CloudAdapter } from 'botbuilder';
import restify from 'restify';
import type { Engine } from '../../application/engine.js';
import type { Logger } from '../../application/ports/logger.js';
import { parseInboundActivity } from './activity.js';
import { dispatch } from './handlers/index.js';

export const MESSAGES_PATH = '/api/messages';

export interface MountOptions {
  server: restify.Server;
  adapter: CloudAdapter;
  engine: Engine;
  logger: Logger;
}

/**
 * `POST /api/messages`: the JSON body is parsed on this route only (Slack's route needs the raw body),
 * checked with zod (malformed → 400), then authenticated and run by the CloudAdapter.
 */
export function mountMessages(options: MountOptions): void {
  const { adapter, engine, logger } = options;
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false });
  options.server.post(MESSAGES_PATH, bodyParser, async (req: restify.Request, res: restify.Response) => {
    const parsed = parseInboundActivity(req.body);
    if (!parsed.ok) {
      logger.warn('teams activity refused', { error: parsed.error });
      res.send(400, { error: { code: 'BadRequest', message: parsed.error } });
      return;
    }
    const activity = parsed.activity;
    await adapter.process(req, res, (context) => dispatch({ engine, logger, context, activity }));
  });
}
