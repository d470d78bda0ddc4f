import restify from 'restify';
import type { Logger } from '../../application/ports/logger.js';

/**
 * The one restify server. No global body parser: Slack's route needs the raw body for its
 * signature, so each route parses what it needs. Query strings are parsed for the callbacks.
 */
export function createHttpServer(input: { logger: Logger }): restify.Server {
  // find-my-way's default 100-character limit on a path parameter would 404 signed export tokens.
  const options = { name: 'integration-admin-bot', handleUncaughtExceptions: false, maxParamLength: 2048 };
  const server = restify.createServer(options as restify.ServerOptions);
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
