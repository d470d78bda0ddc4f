import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity replied to (POST …/activities/:id) or updated (PUT). */
  activityId: string | null;
  /** The id the connector gave (POST) or kept (PUT). */
  id: string;
  body: Record<string, unknown>;
  authorization: string | null;
}

/** A failure the next call gets instead of success (429, 403 BotNotInConversationRoster…). */
export interface InjectedFailure {
  status: number;
  code?: string;
  retryAfter?: string;
}

export interface FakeBotConnector {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Members the connector knows, for `GET /v3/conversations/:id/members/:memberId`. */
  members: Map<string, { id: string; name: string; aadObjectId: string }>;
  failNext(failure: InjectedFailure): void;
  /** Cards of every posted or updated activity, in order. */
  cards(): Record<string, unknown>[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/(activities|members)(?:\/([^/]+))?\/?$/;

/**
 * A local Bot Connector on 127.0.0.1: records what the bot posts and updates, answers with activity ids
 * like the real service, and can fail the next call as the real one does.
 */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, { id: string; name: string; aadObjectId: string }>();
  const failures: InjectedFailure[] = [];
  let next = 1;
  const server: Server = createServer(async (req, res) => {
    const match = ROUTE.exec((req.url ?? '').split('?')[0] ?? '');
    const text = await readBody(req);
    if (!match) return json(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    const conversationId = decodeURIComponent(match[1] ?? '');
    const itemId = match[3] ? decodeURIComponent(match[3]) : null;
    if (match[2] === 'members') {
      const member = itemId ? members.get(itemId) : undefined;
      return member
        ? json(res, 200, member)
        : json(res, 404, { error: { code: 'MemberNotFound', message: 'no member' } });
    }
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      return json(
        res,
        failure.status,
        { error: { code: failure.code ?? 'Error', message: 'injected' } },
        headers,
      );
    }
    const method = req.method === 'PUT' ? 'PUT' : 'POST';
    const id = method === 'PUT' && itemId ? itemId : `1:activity-${next++}`;
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    calls.push({
      method,
      conversationId,
      activityId: itemId,
      id,
      body,
      authorization: req.headers.authorization ?? null,
    });
    return json(res, 200, { id });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    members,
    failNext: (failure) => failures.push(failure),
    cards: () =>
      calls.flatMap((call) =>
        ((call.body.attachments as { content?: Record<string, unknown> }[] | undefined) ?? []).flatMap((a) =>
          a.content ? [a.content] : [],
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
