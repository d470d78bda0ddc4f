import { describeError } from '../../application/describe-error.js';
import type { SendOutcome } from '../../domain/notice.js';

const GONE_CODES = new Set([
  'BotNotInConversationRoster',
  'ConversationNotFound',
  'ConversationBlockedByUser',
]);
const DEFAULT_RETRY_MS = 1_000;

interface ErrorShape {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  response?: {
    status?: number;
    headers?: { get?(name: string): string | undefined } | Record<string, string>;
    bodyAsText?: string;
  };
}

function headerOf(error: ErrorShape, name: string): string | undefined {
  const headers = error.response?.headers;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  return (headers as Record<string, string>)[name];
}

/** The connector's error code, from `{ error: { code } }` in the body or the error itself. */
function connectorCode(error: ErrorShape): string | null {
  try {
    const body = JSON.parse(error.response?.bodyAsText ?? '{}') as { error?: { code?: unknown } };
    if (typeof body.error?.code === 'string') return body.error.code;
  } catch {
    // Not JSON: fall back to the error's own code.
  }
  return typeof error.code === 'string' ? error.code : null;
}

function shapeOf(error: unknown): ErrorShape {
  return (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
}

function statusOf(shape: ErrorShape): number | null {
  return shape.statusCode ?? shape.response?.status ?? null;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now: Date): number {
  if (!value) return DEFAULT_RETRY_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(0, at - now.getTime());
}

/**
 * The connector client's own timeout ends a request with an `AbortError` that says only "The
 * operation was aborted": our calls pass no abort signal of their own, so that error means the
 * connector did not answer in time, and the log line says so.
 */
function timedOut(shape: ErrorShape, timeoutMs: number): string | null {
  return shape.name === 'AbortError'
    ? `Bot Connector did not answer within ${timeoutMs / 1000} s (timeout)`
    : null;
}

/**
 * Turns a Bot Connector failure into a delivery outcome: 429 waits for Retry-After, a conversation
 * the bot was removed from is gone, anything else (5xx, network, no answer within `timeoutMs`) is
 * retried later.
 */
export function outcomeOfError(error: unknown, now: Date, timeoutMs: number): SendOutcome {
  const shape = shapeOf(error);
  const status = statusOf(shape);
  const code = connectorCode(shape);
  const detail = (
    timedOut(shape, timeoutMs) ??
    `Bot Connector ${status ?? 'unreachable'}${code ? ` ${code}` : ''}: ${describeError(error)}`
  ).slice(0, 500);
  if (status === 429)
    return {
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: retryAfterMs(headerOf(shape, 'retry-after'), now),
      detail,
    };
  if ((status === 403 || status === 404) && (code === null ? status === 404 : GONE_CODES.has(code))) {
    return { ok: false, kind: 'gone', detail };
  }
  if (status === 400 || status === 403 || status === 404 || status === 413)
    return { ok: false, kind: 'fatal', detail };
  return { ok: false, kind: 'failed', detail };
}

/**
 * A failed `POST /v3/conversations` (opening a 1:1 chat): any 403 or 404 means Teams will not let the
 * bot reach this person (the app is not installed for them), so the notice is gone; the rest as above.
 */
export function outcomeOfCreateError(error: unknown, now: Date, timeoutMs: number): SendOutcome {
  const outcome = outcomeOfError(error, now, timeoutMs);
  const status = statusOf(shapeOf(error));
  if (!outcome.ok && outcome.kind === 'fatal' && (status === 403 || status === 404)) {
    return { ok: false, kind: 'gone', detail: outcome.detail };
  }
  return outcome;
}
