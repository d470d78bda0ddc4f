/**
 * Local stand-ins for Slack's Web API and the Bot Connector that enforce the documented
 * per-conversation rate limits the way the platforms answer them: a post over the limit gets HTTP
 * 429 with `Retry-After` (whole seconds) and is not delivered. Everything else a bot calls while
 * being set up (`auth.test`, `users.info`, response_url posts, replies) is answered plainly.
 * Delivered cards are counted per conversation, so a pass's duplicates and misses can be told.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Limit {
  count: number;
  perMs: number;
}

export const SLACK_LIMITS: readonly Limit[] = [{ count: 1, perMs: 1_000 }];
export const TEAMS_LIMITS: readonly Limit[] = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
];

/** One card a platform accepted: where, when (performance.now()), and what (a digest of its content). */
export interface Delivered {
  platform: 'slack' | 'teams';
  conversation: string;
  at: number;
  digest: string;
  /** The request body as sent, so another client can post the very same card. */
  body: Record<string, unknown>;
}

export interface LimitedPlatforms {
  slackApiUrl: string;
  serviceUrl: string;
  /** Cards accepted since the last `mark`. */
  delivered: Delivered[];
  /** 429s answered since the last `mark`. */
  rejected: { slack: number; teams: number };
  /** Every call since the last `mark`, by Slack method or Teams verb (`teams POST`, `teams PUT`). */
  calls: Record<string, number>;
  /** Starts counting afresh (the limits' memory of earlier sends stays, as on the real platforms). */
  mark(): void;
  /** Forgets every earlier send too: a fresh workspace for the other side of a comparison. */
  reset(): void;
  close(): Promise<void>;
}

/** A sliding log per conversation: the send is refused when any window is full, with the wait until it is not. */
function createWindows(limits: readonly Limit[]) {
  const logs = new Map<string, number[]>();
  return {
    /** Milliseconds until a send would be accepted (0: accepted now, and recorded). */
    admit(conversation: string, now: number): number {
      const log = logs.get(conversation) ?? [];
      let wait = 0;
      for (const { count, perMs } of limits) {
        let inWindow = 0;
        for (let i = log.length - 1; i >= 0 && (log[i] as number) > now - perMs; i--) inWindow += 1;
        if (inWindow >= count) wait = Math.max(wait, (log[log.length - count] as number) + perMs - now);
      }
      if (wait > 0) return wait;
      log.push(now);
      if (log.length > 64) log.splice(0, log.length - 64);
      logs.set(conversation, log);
      return 0;
    },
    clear: () => logs.clear(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const digest = (value: unknown) =>
  createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 12);
const JSON_ARGS = new Set(['blocks', 'attachments', 'metadata', 'view']);

function slackArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  return args;
}

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** `teamsPort`: where the connector listens (a data directory registered earlier keeps its serviceUrl). */
export async function startLimitedPlatforms(options: { teamsPort?: number } = {}): Promise<LimitedPlatforms> {
  const slackWindows = createWindows(SLACK_LIMITS);
  const teamsWindows = createWindows(TEAMS_LIMITS);
  const state: Pick<LimitedPlatforms, 'delivered' | 'rejected' | 'calls'> = {
    delivered: [],
    rejected: { slack: 0, teams: 0 },
    calls: {},
  };
  const count = (call: string) => {
    state.calls[call] = (state.calls[call] ?? 0) + 1;
  };
  let ts = 1_800_000_000;
  let activity = 1;

  const slack = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/response/')) return json(res, 200, { ok: true });
    const method = path.replace(/^\/api\//, '');
    const args = slackArgs(req, raw);
    count(method);
    if (method === 'chat.postMessage') {
      const channel = String(args.channel);
      const now = performance.now();
      const wait = slackWindows.admit(channel, now);
      if (wait > 0) {
        state.rejected.slack += 1;
        const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
        return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': seconds });
      }
      const content = { text: args.text, blocks: args.blocks };
      state.delivered.push({
        platform: 'slack',
        conversation: channel,
        at: now,
        digest: digest(content),
        body: args,
      });
      return json(res, 200, { ok: true, channel, ts: `${ts++}.000100`, message: content });
    }
    if (method === 'auth.test')
      return json(res, 200, { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'B0001', team: 'Acme' });
    if (method === 'users.info') {
      const id = String(args.user);
      const profile = { real_name: `Person ${id}`, display_name: '' };
      return json(res, 200, {
        ok: true,
        user: { id, name: id.toLowerCase(), real_name: profile.real_name, profile },
      });
    }
    return json(res, 200, { ok: true, ts: `${ts++}.000100` });
  });

  const route = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
  const teams = createServer(async (req, res) => {
    const raw = await readBody(req);
    const match = route.exec((req.url ?? '').split('?')[0] ?? '');
    if (!match) return json(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    const conversation = decodeURIComponent(match[1] ?? '').split(';')[0] ?? '';
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    count(`teams ${match[2] && req.method === 'POST' ? 'reply' : req.method}`);
    // Replies to a message (the answers while setting up) are not deadline cards: answered, not counted.
    if (match[2] && req.method === 'POST') return json(res, 200, { id: `1:reply-${activity++}` });
    const now = performance.now();
    const wait = teamsWindows.admit(conversation, now);
    if (wait > 0) {
      state.rejected.teams += 1;
      const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
      return json(
        res,
        429,
        { error: { code: 'TooManyRequests', message: 'slow down' } },
        { 'retry-after': seconds },
      );
    }
    state.delivered.push({
      platform: 'teams',
      conversation,
      at: now,
      digest: digest(body.attachments),
      body,
    });
    return json(res, 200, { id: `1:activity-${activity++}` });
  });

  const [slackPort, teamsPort] = await Promise.all([listen(slack), listen(teams, options.teamsPort)]);
  const platforms: LimitedPlatforms = {
    slackApiUrl: `http://127.0.0.1:${slackPort}/api/`,
    serviceUrl: `http://127.0.0.1:${teamsPort}/`,
    get delivered() {
      return state.delivered;
    },
    get rejected() {
      return state.rejected;
    },
    get calls() {
      return state.calls;
    },
    mark: () => {
      state.delivered = [];
      state.rejected = { slack: 0, teams: 0 };
      state.calls = {};
    },
    reset: () => {
      platforms.mark();
      slackWindows.clear();
      teamsWindows.clear();
    },
    close: async () => {
      for (const server of [slack, teams]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
  return platforms;
}
