import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { AuthorizationError, HTTPReceiver, HTTPModuleFunctions as httpFunc } from '@slack/bolt';
import { isHandled } from './payload-shapes.js';

/** The one path Slack posts events, slash commands and interactivity to. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Largest body taken on the Slack route. Slack publishes no maximum for what it posts; the largest
 * payloads carry a view (views are capped at 250 kB) form-encoded, which stays well under 1 MB. This is
 * Bolt's own default (`bodyLimit`, 4 MiB), set here explicitly so the cap does not move with Bolt.
 */
export const SLACK_BODY_LIMIT = 4 * 1024 * 1024;

/** What Slack posts: JSON for the Events API, form-encoded for slash commands, interactivity and ssl_check. */
const SLACK_CONTENT_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/**
 * Refuses, before Bolt reads a byte, a body Slack would never send: another content type (415) or a
 * declared length over the limit (413). Bolt's `bodyLimit` then counts the bytes it actually reads.
 */
export function slackBodyRefusal(req: IncomingMessage): 413 | 415 | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SLACK_CONTENT_TYPES.has(type)) return 415;
  if (Number(req.headers['content-length'] ?? 0) > SLACK_BODY_LIMIT) return 413;
  return null;
}

/** A signed request whose body is none of the payloads Slack sends us; answered with 400. */
export class MalformedPayloadError extends Error {
  readonly code = 'slack-malformed-payload';
}

function statusHandler(logger: BoltLogger) {
  return async (args: { error: Error; response: ServerResponse }): Promise<boolean> => {
    const { error, response } = args;
    if (response.headersSent) {
      logger.error('Slack listener failed after the acknowledgement', error);
      return false;
    }
    const status =
      error instanceof AuthorizationError ? 401 : error instanceof MalformedPayloadError ? 400 : 500;
    if (status === 500) logger.error('Slack request failed', error);
    else logger.warn(`Slack request refused (${status}): ${error.message}`);
    response.writeHead(status);
    response.end();
    return true;
  };
}

/** Routes an event to Bolt once its body has a known payload shape; shared by both receivers. */
export function guard(app: App, logger: BoltLogger) {
  return async (event: ReceiverEvent): Promise<void> => {
    if (event.body.type === 'app_rate_limited') {
      logger.warn('Slack reports that this app is rate limited for events');
      await event.ack();
      return;
    }
    if (!isHandled(event.body)) throw new MalformedPayloadError('not a Slack payload this app handles');
    // A click or form no listener matches (an unknown action or callback id) is never acknowledged
    // by Bolt, so Slack would wait 3 seconds and show an error: acknowledge it once nothing did.
    let acked = false;
    const ack: ReceiverEvent['ack'] = (response) => {
      acked = true;
      return event.ack(response);
    };
    await app.processEvent({ ...event, ack });
    if (!acked) await event.ack();
  };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Bolt reads `body.ssl_check` before any other check, so a body that parses to no object (JSON
 * `null`, `payload=null`) throws inside Bolt: the request is never answered and the rejection is
 * unhandled. The body is read here first (Bolt reuses what was read) and such bodies get 400.
 */
function refuseBodiesOfNoObject(listener: Listener): Listener {
  return (req, res) => {
    httpFunc.bufferIncomingMessage(req, SLACK_BODY_LIMIT).then(
      (buffered) => {
        let body: unknown = {};
        try {
          body = httpFunc.parseHTTPRequestBody(buffered);
        } catch {
          // Bolt answers 400 to a body it cannot parse.
        }
        if (typeof body === 'object' && body !== null) listener(req, res);
        else httpFunc.buildNoBodyResponse(res, 400);
      },
      (error: unknown) => {
        const tooLarge =
          httpFunc.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
        httpFunc.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      },
    );
  };
}

/**
 * Bolt's HTTPReceiver (signature check, ssl_check, url_verification, ack) with a guard that
 * answers 400 at once to signed bodies of no known shape, instead of Bolt's 3-second 404.
 */
export function createSlackReceiver(input: { signingSecret: string; logger: BoltLogger }): {
  receiver: Receiver;
  requestListener: Listener;
} {
  const http = new HTTPReceiver({
    signingSecret: input.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: input.logger,
    processEventErrorHandler: statusHandler(input.logger),
    bodyLimit: SLACK_BODY_LIMIT,
  });
  const receiver: Receiver = {
    // HTTPReceiver only ever calls processEvent on the app it is given.
    init: (app) => http.init({ processEvent: guard(app, input.logger) } as unknown as App),
    start: () => Promise.reject(new Error('the Slack receiver is mounted on the shared server')),
    stop: () => Promise.resolve(),
  };
  const guarded = refuseBodiesOfNoObject(http.requestListener);
  const requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const refused = slackBodyRefusal(req);
    if (refused === null) return guarded(req, res);
    input.logger.warn(`Slack request refused (${refused}) before its body was read`);
    // Closed rather than drained: nobody reads the rest of this body.
    res.writeHead(refused, { connection: 'close' });
    res.end();
  };
  return { receiver, requestListener };
}
