import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeSocketMode } from './slack-socket.js';

/** One Web API call (or response_url post) the bot made. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  /** What the fake answered (`ts`, `channel`…), when it answered ok. */
  result?: Record<string, unknown>;
  /** When the call arrived (ms since the epoch), to check that waits were honoured. */
  at: number;
}

/** A person of the fake workspace, as users.info describes them. */
export interface FakeUser {
  /** The handle (`user.name`). */
  name: string;
  realName: string;
  /** Empty when the person set none, as Slack leaves it. */
  displayName: string;
}

/** users.info's documented answer for a person: `user` with `profile.display_name` and `real_name`. */
function userInfo(id: string, u: FakeUser) {
  return {
    ok: true,
    user: {
      id,
      team_id: 'T0001',
      name: u.name,
      deleted: false,
      color: '9f69e7',
      real_name: u.realName,
      tz: 'Europe/Paris',
      tz_label: 'Central European Time',
      tz_offset: 3600,
      profile: {
        avatar_hash: 'ge3b51ca72de',
        status_text: '',
        status_emoji: '',
        real_name: u.realName,
        display_name: u.displayName,
        real_name_normalized: u.realName,
        display_name_normalized: u.displayName,
        team: 'T0001',
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: 1_700_000_000,
    },
  };
}

type Failure = { error: string } | { status: 429; retryAfter: number };

/**
 * A transport fault, as a flaky network or an overloaded Slack shows it: HTTP 429 with Retry-After
 * (seconds), HTTP 500, no answer at all (`timeout`: the request is held until the fake closes), or
 * the connection destroyed before any answer (`reset`).
 */
export type TransportFault =
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'server-error' }
  | { kind: 'timeout' }
  | { kind: 'reset' };

const JSON_ARGS = new Set(['blocks', 'view', 'unfurls', 'attachments', 'metadata']);

function parseArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A local stand-in for Slack's Web API on 127.0.0.1: records every call, answers like Slack
 * (`{ ok: true, … }`), and fails a method on demand (a Slack error code, or HTTP 429 with Retry-After).
 * `POST /response/<id>` stands in for response_url endpoints.
 */
export async function startFakeSlackApi(
  options: {
    token?: string;
    botUserId?: string;
    users?: Record<string, FakeUser>;
    /** Answer users.info for anyone not in `users` with a made-up profile (benchmarks with many people). */
    anyone?: boolean;
    /** Picks a fault for a Web API call (response_url posts never fail); none when it returns undefined. */
    fault?: (method: string) => TransportFault | undefined;
    /** Told of every call as it is recorded (before it is answered). */
    onCall?: (call: SlackCall) => void;
    /** The app-level token (`xapp-…`) apps.connections.open takes; set, the fake serves Socket Mode too. */
    appToken?: string;
  } = {},
) {
  const calls: SlackCall[] = [];
  /** Every call since start; `reset` leaves it alone. */
  const history: SlackCall[] = [];
  const failures = new Map<string, Failure[]>();
  const botUserId = options.botUserId ?? 'UBOT';
  // Socket Mode's WebSocket server shares this fake's port (`upgrade` of /link/).
  const socket = options.appToken ? createFakeSocketMode({ origin: () => url }) : null;
  let ts = 1_700_000_000;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const nextTs = () => `${ts++}.000100`;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'integrations',
          team_id: 'T0001',
          user_id: botUserId,
          bot_id: 'B0001',
        };
      case 'chat.postMessage':
        return {
          ok: true,
          channel: args.channel,
          ts: nextTs(),
          message: { text: args.text, blocks: args.blocks },
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^[UW]/, '')}` } };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${calls.length}`, ...(args.view as object) } };
      case 'chat.unfurl':
        return { ok: true };
      case 'users.info': {
        const id = String(args.user);
        const user =
          options.users?.[id] ??
          (options.anyone
            ? { name: id.toLowerCase(), realName: `Person ${id}`, displayName: '' }
            : undefined);
        return user ? userInfo(id, user) : { ok: false, error: 'user_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const held = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const args = parseArgs(req, raw);
      const auth = req.headers.authorization ?? null;
      const method = path.startsWith('/response/')
        ? `response:${path.slice('/response/'.length)}`
        : path.replace(/^\/api\//, '');
      const call: SlackCall = { method, args, token: auth?.replace(/^Bearer /, '') ?? null, at: Date.now() };
      calls.push(call);
      history.push(call);
      // The listener hears of the call once its answer is decided (`result` set when it succeeded).
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        options.onCall?.(call);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (method.startsWith('response:')) return send(200, { ok: true });
      const fault = options.fault?.(method);
      if (fault) {
        options.onCall?.(call);
        if (fault.kind === 'timeout') holdOpen(held, res);
        return injectFault(res, fault);
      }
      const failure = failures.get(method)?.shift();
      if (failure && 'status' in failure)
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      if (failure) return send(200, { ok: false, error: failure.error });
      if (method === 'apps.connections.open') {
        // Slack takes the app-level token in the Authorization header only, never a bot token.
        if (!socket || auth !== `Bearer ${options.appToken}`)
          return send(200, { ok: false, error: 'invalid_auth' });
        call.result = { ok: true, url: socket.issueUrl() };
        return send(200, call.result);
      }
      if (options.token && auth !== `Bearer ${options.token}`)
        return send(200, { ok: false, error: 'invalid_auth' });
      call.result = answer(method, args);
      send(200, call.result);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('upgrade', (req, sock, head) => {
    if (socket) socket.upgrade(req, sock, head);
    else sock.destroy();
  });
  const close = () =>
    new Promise<void>((resolve) => {
      socket?.close();
      server.close(() => resolve());
      // Requests held by a `timeout` fault would otherwise keep the server open.
      server.closeAllConnections();
    });

  return {
    /** Base for SLACK_API_URL. */
    apiUrl: `${url}/api`,
    /** The Socket Mode server, when the fake was given an app token. */
    socket,
    /** A response_url this fake records posts to. */
    responseUrl: (id: string) => `${url}/response/${id}`,
    calls,
    history,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    /** Fails the next call to `method` once (add several to fail several). */
    failNext(method: string, failure: Failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    /** Resolves once `count` calls to `method` were recorded (work happens after Slack's ack). */
    async waitFor(method: string, count = 1, timeoutMs = 5_000): Promise<SlackCall[]> {
      const start = Date.now();
      while (calls.filter((c) => c.method === method).length < count) {
        if (Date.now() - start > timeoutMs)
          throw new Error(
            `timed out waiting for ${count} × ${method}; saw ${calls.map((c) => c.method).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
      return calls.filter((c) => c.method === method);
    },
    /** Resolves with the first call to `method` that `matches`, once one is recorded. */
    async waitForMatch(
      method: string,
      matches: (call: SlackCall) => boolean,
      timeoutMs = 5_000,
    ): Promise<SlackCall> {
      const start = Date.now();
      for (;;) {
        const found = calls.find((c) => c.method === method && matches(c));
        if (found) return found;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for a matching ${method}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    /** How many requests a `timeout` fault holds that their client has not given up on yet. */
    held: () => held.size,
    close,
  };
}

/** Keeps `res` in `held` until its connection closes: the client gave up, or the fake closed. */
export function holdOpen(held: Set<ServerResponse>, res: ServerResponse): void {
  held.add(res);
  res.on('close', () => held.delete(res));
}

/** Answers (or does not answer) a call as the fault says; the call stays recorded without a result. */
export function injectFault(res: ServerResponse, fault: TransportFault): void {
  if (fault.kind === 'timeout') return;
  if (fault.kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  const rateLimited = fault.kind === 'rate-limited';
  res.writeHead(rateLimited ? 429 : 500, {
    'content-type': 'application/json',
    ...(rateLimited ? { 'retry-after': String(fault.retryAfter) } : {}),
  });
  res.end(JSON.stringify({ ok: false, error: rateLimited ? 'ratelimited' : 'internal_error' }));
}

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;
