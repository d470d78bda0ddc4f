import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** The envelope types Slack sends over Socket Mode. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** An acknowledgement the app sent back: `{ envelope_id, payload? }`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Why Slack asks the app to reconnect: `warning` comes ~10 s before `refresh_requested`. */
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

const HOST = 'applink-fake-1';
const APP_ID = 'A0001';

/**
 * A local stand-in for Slack's Socket Mode server, speaking its documented protocol: a single-use
 * `ticket` in the URL that apps.connections.open handed out, `hello` on connect, envelopes
 * `{ envelope_id, type, payload, accepts_response_payload, retry_attempt, retry_reason }`, acks
 * `{ envelope_id, payload? }` read back, and `disconnect` with a reason. It sends no pings of its own
 * (the client pings; `ws` answers pongs), so a quiet test never trips the client's ping timeout.
 */
export function createFakeSocketMode(input: { origin: () => string }) {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const acks: SocketAck[] = [];
  /** Every frame the app sent that was no ack (there should be none). */
  const strays: string[] = [];
  const waiting = new Map<string, (ack: SocketAck) => void>();
  let refused = 0;

  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.filter((s) => s.readyState === s.OPEN).length,
        debug_info: { host: HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: APP_ID },
      }),
    );
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      let ack: SocketAck | null = null;
      try {
        const parsed = JSON.parse(text) as SocketAck;
        if (typeof parsed?.envelope_id === 'string') ack = parsed;
      } catch {
        // recorded as a stray below
      }
      if (!ack) {
        strays.push(text);
        return;
      }
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
  });

  const current = (): WebSocket => {
    const open = sockets.filter((s) => s.readyState === s.OPEN);
    const last = open[open.length - 1];
    if (!last) throw new Error('no open Socket Mode connection');
    return last;
  };

  const ackOf = (envelopeId: string, timeoutMs: number): Promise<SocketAck> =>
    new Promise((resolve, reject) => {
      const done = acks.find((a) => a.envelope_id === envelopeId);
      if (done) return resolve(done);
      const timer = setTimeout(() => {
        waiting.delete(envelopeId);
        reject(new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });

  return {
    acks,
    strays,
    /** How many connections were opened so far (reconnections count). */
    opened: () => sockets.length,
    /** Upgrade attempts refused (an unknown or reused ticket). */
    refused: () => refused,
    /** A fresh URL for apps.connections.open, valid for one connection. */
    issueUrl(): string {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `${input.origin().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${APP_ID}`;
    },
    /** The HTTP server's `upgrade` handler: only a ticketed `/link/` URL opens a socket. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
        refused += 1;
        socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    /** Resolves once `count` connections have been opened and the newest is open. */
    async waitForConnections(count: number, timeoutMs = 15_000): Promise<void> {
      const start = Date.now();
      while (sockets.length < count || sockets.at(-1)?.readyState !== sockets.at(-1)?.OPEN) {
        if (Date.now() - start > timeoutMs)
          throw new Error(`timed out waiting for ${count} Socket Mode connections; saw ${sockets.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    /**
     * Sends an envelope on the newest connection and resolves with the app's ack. Slack sets
     * accepts_response_payload for slash commands and view submissions, retry fields on events.
     */
    async send(
      type: EnvelopeType,
      payload: unknown,
      options: { retryAttempt?: number; retryReason?: string; timeoutMs?: number } = {},
    ): Promise<SocketAck> {
      const envelopeId = randomUUID();
      const accepts =
        type === 'slash_commands' ||
        (type === 'interactive' && (payload as { type?: string })?.type === 'view_submission');
      const envelope = {
        envelope_id: envelopeId,
        payload,
        type,
        accepts_response_payload: accepts,
        ...(type === 'events_api'
          ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
          : {}),
      };
      current().send(JSON.stringify(envelope));
      return ackOf(envelopeId, options.timeoutMs ?? 5_000);
    },
    /** Sends any text frame as is (malformed envelopes). */
    sendRaw(text: string) {
      current().send(text);
    },
    /** Resolves with the ack of an envelope sent with `sendRaw`. */
    ackOf,
    /** Asks the app to reconnect, as Slack does before recycling a connection. */
    disconnect(reason: DisconnectReason) {
      current().send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } }));
    },
    /** Drops the newest connection without a close frame, as a network failure does. */
    drop() {
      current().terminate();
    },
    close() {
      for (const s of sockets) s.terminate();
      wss.close();
    },
  };
}

export type FakeSocketMode = ReturnType<typeof createFakeSocketMode>;
