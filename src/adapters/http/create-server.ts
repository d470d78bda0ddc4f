import restify from 'restify';
import type { Logger } from '../../application/ports/logger.js';

/**
 * The largest body any route takes (Slack's route, which caps at this; `/api/messages` caps lower).
 * Routes read with GET or HEAD take no body at all.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

type Next = (stop?: false) => void;

/**
 * docs/security.md (bodies): a size limit on every route, checked before routing by the declared length: a body-less route
 * refuses any body, the others anything over MAX_BODY_BYTES. Each body route also counts the bytes it
 * reads (a chunked body declares no length).
 */
function limitBodies(req: restify.Request, res: restify.Response, next: Next): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const takesNoBody = req.method === 'GET' || req.method === 'HEAD';
  const tooLarge = takesNoBody ? declared > 0 || chunked : declared > MAX_BODY_BYTES;
  if (!tooLarge) {
    next();
    return;
  }
  // The connection is closed after the answer rather than drained of a body nobody will read.
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(
    takesNoBody
      ? 'This route takes no request body.\n'
      : `Request bodies are at most ${MAX_BODY_BYTES} bytes.\n`,
  );
  next(false);
}

/**
 * The one restify server. No global body parser: Slack's route needs the raw body for its
 * signature, so each route parses what it needs. Query strings are parsed for the callbacks.
 */
export function createHttpServer(input: { logger: Logger }): restify.Server {
  // find-my-way's default 100-character limit on a path parameter would 404 signed export tokens.
  const options = { name: 'integration-admin-bot', handleUncaughtExceptions: false, maxParamLength: 2048 };
  const server = restify.createServer(options as restify.ServerOptions);
  server.pre(limitBodies);
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
