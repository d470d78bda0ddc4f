import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { holdOpen, type TransportFault } from './slack-api.js';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  /** `activity`: a post or update in a conversation; `createConversation`: `POST /v3/conversations`. */
  kind: 'activity' | 'createConversation';
  method: 'POST' | 'PUT';
  /** The conversation posted to, or the one a create opened. */
  conversationId: string;
  /** The activity replied to (POST …/activities/:id) or updated (PUT). */
  activityId: string | null;
  /** The id the connector gave (POST) or kept (PUT). */
  id: string;
  body: Record<string, unknown>;
  authorization: string | null;
  /** When the call arrived (ms since the epoch), to count a conversation's messages a second. */
  at?: number;
}

/** A failure the next call gets instead of success (429, 403 BotNotInConversationRoster…). */
export interface InjectedFailure {
  status: number;
  /** Only calls of this kind take the failure; any call when unset. */
  on?: ConnectorCall['kind'];
  code?: string;
  retryAfter?: string;
}

export interface FakeBotConnector {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Members the connector knows, for `GET /v3/conversations/:id/members/:memberId`. */
  members: Map<string, { id: string; name: string; aadObjectId: string }>;
  /** Teams user ids (`29:…`) the app is not installed for: opening a chat with them is refused with 403. */
  notInstalledFor: Set<string>;
  failNext(failure: InjectedFailure): void;
  /** Cards of every posted or updated activity, in order. */
  cards(): Record<string, unknown>[];
  /** How many requests a `timeout` fault holds that their client has not given up on yet. */
  held(): number;
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
const CREATE_ROUTE = /^\/v3\/conversations\/?$/;

interface CreateRequest {
  isGroup?: unknown;
  members?: { id?: unknown }[];
  tenantId?: unknown;
  channelData?: { tenant?: { id?: unknown } };
}

/** Why Teams would refuse to open this 1:1 chat with 400, as it answers `POST /v3/conversations`; null when valid. */
function createProblem(body: CreateRequest): string | null {
  if (body.isGroup !== false) return 'isGroup must be false: only 1:1 chats can be created';
  const members = Array.isArray(body.members) ? body.members : [];
  if (members.length !== 1) return 'exactly one member is required';
  const id = members[0]?.id;
  if (typeof id !== 'string' || !id.startsWith('29:')) return 'the member id must be a Teams user id (29:…)';
  const tenant = body.tenantId ?? body.channelData?.tenant?.id;
  if (typeof tenant !== 'string' || !tenant) return 'the tenant id is required';
  return null;
}

/** Options: transport faults picked per call, and a listener told of each recorded call. */
export interface FakeBotConnectorOptions {
  /** Picks a fault for a post, update, reply (`activityId` set) or chat creation; none when undefined. */
  fault?: (call: Pick<ConnectorCall, 'kind' | 'method' | 'activityId'>) => TransportFault | undefined;
  /** Told of every call the connector accepted, as it is recorded. */
  onCall?: (call: ConnectorCall) => void;
}

/** Answers as the fault says: 429 with Retry-After, 500, no answer (held until close), or a reset socket. */
function transportFault(res: ServerResponse, fault: TransportFault, held: Set<ServerResponse>): void {
  if (fault.kind === 'timeout') {
    holdOpen(held, res);
    return;
  }
  if (fault.kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  if (fault.kind === 'rate-limited')
    fail(res, { status: 429, code: 'TooManyRequests', retryAfter: String(fault.retryAfter) });
  else fail(res, { status: 500, code: 'ServiceError' });
}

function fail(res: ServerResponse, failure: InjectedFailure): void {
  const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
  json(res, failure.status, { error: { code: failure.code ?? 'Error', message: 'injected' } }, headers);
}

/**
 * A local Bot Connector on 127.0.0.1: records what the bot posts and updates and the 1:1 chats it opens,
 * answers with ids like the real service, and can fail the next call as the real one does.
 */
export async function startFakeBotConnector(
  options: FakeBotConnectorOptions = {},
): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const recorded = (call: ConnectorCall) => {
    call.at ??= Date.now();
    calls.push(call);
    options.onCall?.(call);
  };
  const members = new Map<string, { id: string; name: string; aadObjectId: string }>();
  const failures: InjectedFailure[] = [];
  const held = new Set<ServerResponse>();
  const notInstalledFor = new Set<string>();
  const chats = new Map<string, string>();
  let next = 1;
  const takeFailure = (kind: ConnectorCall['kind']) => {
    const index = failures.findIndex((f) => !f.on || f.on === kind);
    return index < 0 ? undefined : failures.splice(index, 1)[0];
  };
  /** `POST /v3/conversations`: 201 with `{ id }`; the same person always gets the same chat, as in Teams. */
  const create = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const fault = options.fault?.({ kind: 'createConversation', method: 'POST', activityId: null });
    if (fault) return transportFault(res, fault, held);
    const failure = takeFailure('createConversation');
    if (failure) return fail(res, failure);
    const body = JSON.parse(text || '{}') as CreateRequest & Record<string, unknown>;
    const problem = createProblem(body);
    if (problem) return json(res, 400, { error: { code: 'BadSyntax', message: problem } });
    const userId = String(body.members?.[0]?.id);
    if (notInstalledFor.has(userId)) {
      const message = 'The bot is not part of the conversation roster.';
      return json(res, 403, { error: { code: 'BotNotInConversationRoster', message } });
    }
    const id = chats.get(userId) ?? `a:1chat-${chats.size + 1}`;
    chats.set(userId, id);
    const authorization = req.headers.authorization ?? null;
    recorded({
      kind: 'createConversation',
      method: 'POST',
      conversationId: id,
      activityId: null,
      id,
      body,
      authorization,
    });
    return json(res, 201, { id });
  };
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = ROUTE.exec(path);
    const text = await readBody(req);
    if (req.method === 'POST' && CREATE_ROUTE.test(path)) return create(req, res, text);
    if (!match) return json(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    const conversationId = decodeURIComponent(match[1] ?? '');
    const itemId = match[3] ? decodeURIComponent(match[3]) : null;
    if (match[2] === 'members') {
      const member = itemId ? members.get(itemId) : undefined;
      return member
        ? json(res, 200, member)
        : json(res, 404, { error: { code: 'MemberNotFound', message: 'no member' } });
    }
    const fault = options.fault?.({
      kind: 'activity',
      method: req.method === 'PUT' ? 'PUT' : 'POST',
      activityId: itemId,
    });
    if (fault) return transportFault(res, fault, held);
    const failure = takeFailure('activity');
    if (failure) return fail(res, failure);
    const method = req.method === 'PUT' ? 'PUT' : 'POST';
    const id = method === 'PUT' && itemId ? itemId : `1:activity-${next++}`;
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    recorded({
      kind: 'activity',
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
    notInstalledFor,
    failNext: (failure) => failures.push(failure),
    /** How many requests a `timeout` fault holds that their client has not given up on yet. */
    held: () => held.size,
    cards: () =>
      calls.flatMap((call) =>
        ((call.body.attachments as { content?: Record<string, unknown> }[] | undefined) ?? []).flatMap((a) =>
          a.content ? [a.content] : [],
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests held by a `timeout` fault would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}
