import restify from 'restify';
import type { Logger } from '../../application/ports/logger.js';

/**
 * The one restify server. No global body parser: Slack's route needs the raw body for its
 * signature, so each route parses what it needs. Query strings are parsed for the callbacks.
 */
export function createHttpServer(input: { logger: Logger }): restify.Server {
  const server = restify.createServer({ name: 'integration-admin-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.on(
    'restifyError',
    (
      req: restify.Request,
      _res: restify.Response,
      err: Error & { statusCode?: number },
      next: (e?: unknown) => void,
    ) => {
      const status = err.statusCode ?? 500;
      if (status >= 500)
        input.logger.error('request failed', { method: req.method, path: req.path(), error: err.message });
      next();
    },
  );
  return server;
}
