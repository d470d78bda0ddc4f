import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { AuthorizationError, SocketModeReceiver } from '@slack/bolt';
import { z } from 'zod';
import { guard, MalformedPayloadError } from './receiver.js';

/** What Slack sends over the socket besides `hello` and `disconnect`: envelopes to acknowledge. */
const ENVELOPE_TYPES = new Set(['events_api', 'slash_commands', 'interactive']);

/**
 * A Socket Mode frame the client can take. `@slack/socket-mode` reads `event.payload.event.type` of
 * an `events_api` envelope unguarded and emits any other `type` as an event of its own (`close`,
 * `ws_message`, `connected`… would drive the client itself), so a frame must be one of Slack's
 * documented messages before the client sees it. The payload inside is checked later, by Bolt's route
 * guard with the same payload shapes as over HTTP.
 */
const Envelope = z.looseObject({
  envelope_id: z.string().min(1),
  type: z.string().refine((t) => ENVELOPE_TYPES.has(t)),
  payload: z.looseObject({}),
  accepts_response_payload: z.boolean().optional(),
  retry_attempt: z.number().int().nonnegative().optional(),
  retry_reason: z.string().optional(),
});
const EventsApiPayload = z.looseObject({ event: z.looseObject({ type: z.string() }) });
const Control = z.looseObject({ type: z.enum(['hello', 'disconnect']) });

type Verdict = 'forward' | { refuse: string; envelopeId: string | null };

/** Whether a text frame goes on to the client, or is refused (acknowledged when it names an envelope). */
export function judgeFrame(text: string): Verdict {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { refuse: 'not JSON', envelopeId: null };
  }
  if (Control.safeParse(frame).success) return 'forward';
  const envelope = Envelope.safeParse(frame);
  const id = (frame as { envelope_id?: unknown } | null)?.envelope_id;
  const envelopeId = typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
  if (!envelope.success) return { refuse: 'not a Socket Mode envelope', envelopeId };
  if (envelope.data.type === 'events_api' && !EventsApiPayload.safeParse(envelope.data.payload).success)
    return { refuse: 'an events_api envelope without an event', envelopeId };
  return 'forward';
}

/** Refuses what the client would choke on: acknowledged (so Slack does not resend it), never acted on. */
function guardFrames(socket: SocketModeReceiver, logger: BoltLogger): void {
  const client = socket.client;
  const original = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    const verdict = typeof data === 'string' && !isBinary ? judgeFrame(data) : 'forward';
    if (verdict === 'forward') {
      for (const listener of original) {
        const handled: unknown = listener(data, isBinary);
        if (handled instanceof Promise)
          handled.catch((error: unknown) => logger.error('Slack Socket Mode frame failed', error as Error));
      }
      return;
    }
    logger.warn(`Slack Socket Mode frame refused: ${verdict.refuse}`);
    if (verdict.envelopeId)
      client.websocket?.send(JSON.stringify({ envelope_id: verdict.envelopeId }), () => {});
  });
}

/**
 * After a dropped connection the client reconnects through `this.start()` and leaves its rejection
 * unhandled (a refused `apps.connections.open`, Slack unreachable): the socket would stay down for good.
 * Every start here (the first one too) logs a failure and tries again, backing off to a minute, until
 * the receiver stops. Returns that start, which never rejects.
 */
function keepConnecting(socket: SocketModeReceiver, logger: BoltLogger, stopped: () => boolean) {
  const client = socket.client;
  const start = client.start.bind(client);
  let failures = 0;
  const connect = (): Promise<Awaited<ReturnType<typeof start>>> =>
    start().then(
      (opened) => {
        failures = 0;
        // Stopped while the connection was being opened: close what was just opened.
        if (stopped()) void client.disconnect();
        return opened;
      },
      (error: unknown) => {
        failures += 1;
        const wait = Math.min(60_000, 5_000 * failures);
        logger.error(`Slack Socket Mode could not connect; trying again in ${wait / 1000} s`, error as Error);
        return new Promise((resolve) => {
          setTimeout(() => (stopped() ? undefined : resolve(connect())), wait).unref();
        });
      },
    );
  client.start = connect;
  return connect;
}

/** Bolt's answer to an error while it processed an envelope: whether to acknowledge it anyway. */
function errorHandler(logger: BoltLogger) {
  return async (args: { error: Error; event: ReceiverEvent }): Promise<boolean> => {
    const { error } = args;
    if (error instanceof MalformedPayloadError || error instanceof AuthorizationError) {
      // Acknowledged like HTTP's 400/401: Slack must not resend what will never be handled.
      logger.warn(`Slack envelope refused: ${error.message}`);
      return true;
    }
    // Like HTTP's 500: left unacknowledged, so Slack retries an event and shows the person an error.
    logger.error('Slack envelope failed', error);
    return false;
  };
}

export interface SocketChannel {
  /** Bolt's receiver, for `combineReceivers`. */
  receiver: Receiver;
  /**
   * Opens the connection (apps.connections.open, then the WebSocket) and keeps it open; resolves at
   * Slack's first `hello`. Failures are logged and retried, never thrown.
   */
  start(): Promise<void>;
  /** Closes the connection for good. */
  stop(): Promise<void>;
}

/**
 * Bolt's SocketModeReceiver (`@slack/socket-mode` over undici's WebSocket: ping/pong, reconnects,
 * `disconnect` refreshes) with the same route guard as the HTTP receiver, frames checked before the
 * client reads them, and reconnections that never give up silently. Slack is reached at `apiUrl` when
 * set (tests point it at a local fake).
 */
export function createSocketReceiver(input: {
  appToken: string;
  apiUrl: string | null;
  logger: BoltLogger;
}): SocketChannel {
  const { logger } = input;
  let stopped = false;
  const socket = new SocketModeReceiver({
    appToken: input.appToken,
    logger,
    processEventErrorHandler: errorHandler(logger),
    installerOptions: { clientOptions: input.apiUrl ? { slackApiUrl: input.apiUrl } : {} },
  });
  guardFrames(socket, logger);
  const connect = keepConnecting(socket, logger, () => stopped);
  socket.client.on('connected', () => logger.info('Slack Socket Mode connected'));
  socket.client.on('reconnecting', () => logger.info('Slack Socket Mode reconnecting'));
  return {
    receiver: {
      // SocketModeReceiver only ever calls processEvent on the app it is given.
      init: (app) => socket.init({ processEvent: guard(app, logger) } as unknown as App),
      start: () => Promise.reject(new Error('the Socket Mode receiver is started by the Slack channel')),
      stop: () => Promise.resolve(),
    },
    start: async () => {
      stopped = false;
      await connect();
    },
    stop: async () => {
      stopped = true;
      await socket.client.disconnect();
    },
  };
}

/**
 * One Bolt App, one set of listeners, two transports. A Bolt App takes one receiver and calls its
 * `init(app)` once; receivers only ever hand events to `app.processEvent`. This receiver passes the
 * App to each transport it combines (HTTP on the shared server, Socket Mode), so both feed the same
 * middleware and listeners, registered once, and the event deduplication spans both.
 */
export function combineReceivers(receivers: readonly Receiver[]): Receiver {
  return {
    init: (app) => {
      for (const r of receivers) r.init(app);
    },
    start: () => Promise.reject(new Error('the Slack transports are started by the Slack channel')),
    stop: () => Promise.resolve(),
  };
}
