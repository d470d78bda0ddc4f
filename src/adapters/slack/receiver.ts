import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { AuthorizationError, HTTPReceiver } from '@slack/bolt';
import { z } from 'zod';

/** The one path Slack posts events, slash commands and interactivity to. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** A signed request whose body is none of the payloads Slack sends us; answered with 400. */
export class MalformedPayloadError extends Error {
  readonly code = 'slack-malformed-payload';
}

const User = z.looseObject({ id: z.string().min(1) });

/** The payload shapes this app handles, checked before Bolt routes them. */
const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  event: z.looseObject({ type: z.string().min(1) }),
});
const Command = z.looseObject({
  command: z.string().startsWith('/'),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
});
const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: User,
  actions: z.array(z.looseObject({ action_id: z.string().min(1) })).min(1),
});
const ViewPayload = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  user: User,
  view: z.looseObject({ id: z.string() }),
});

/**
 * Whether a body has one of the handled shapes. The candidate schema is chosen by the body's
 * `command` or `type` field, so each request is checked against one schema, not tried against
 * all four in turn (that union was a measurable share of a slash command's cost).
 */
function isHandled(body: Record<string, unknown>): boolean {
  const schema =
    'command' in body
      ? Command
      : body.type === 'event_callback'
        ? EventCallback
        : body.type === 'block_actions'
          ? BlockActions
          : ViewPayload;
  return schema.safeParse(body).success;
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

function guard(app: App, logger: BoltLogger) {
  return async (event: ReceiverEvent): Promise<void> => {
    if (event.body.type === 'app_rate_limited') {
      logger.warn('Slack reports that this app is rate limited for events');
      await event.ack();
      return;
    }
    if (!isHandled(event.body)) throw new MalformedPayloadError('not a Slack payload this app handles');
    await app.processEvent(event);
  };
}

/**
 * Bolt's HTTPReceiver (signature check, ssl_check, url_verification, ack) with a guard that
 * answers 400 at once to signed bodies of no known shape, instead of Bolt's 3-second 404.
 */
export function createSlackReceiver(input: { signingSecret: string; logger: BoltLogger }): {
  receiver: Receiver;
  requestListener: (req: IncomingMessage, res: ServerResponse) => void;
} {
  const http = new HTTPReceiver({
    signingSecret: input.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: input.logger,
    processEventErrorHandler: statusHandler(input.logger),
  });
  const receiver: Receiver = {
    // HTTPReceiver only ever calls processEvent on the app it is given.
    init: (app) => http.init({ processEvent: guard(app, input.logger) } as unknown as App),
    start: () => Promise.reject(new Error('the Slack receiver is mounted on the shared server')),
    stop: () => Promise.resolve(),
  };
  return { receiver, requestListener: http.requestListener };
}
