import { backoffMs, MAX_ATTEMPTS, type Notice, type SendOutcome } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';

/** Given-up notices kept for `notices`; older ones are dropped. */
export const MAX_GIVEN_UP = 200;

/** One send attempt, as the worker saw it: which notice, which copy of its view, and what came back. */
export interface Attempt {
  noticeId: string;
  target: string;
  cardKey: string | null;
  /** The view as sent (JSON), to notice a card that changed while it was on its way. */
  sentView: string;
  outcome: SendOutcome;
  at: Date;
}

/** What happened to one notice in a run, for logs and `tick`. */
export interface DeliveryLine {
  noticeId: string;
  target: string;
  result: 'delivered' | 'retry' | 'given-up';
  detail: string;
  /** True when the platform refused or never answered (not a card updated after it changed). */
  failed: boolean;
  /** When a retried notice is next due. */
  retryAt?: string;
}

export interface AppliedAttempts {
  lines: DeliveryLine[];
  /** Conversations that answered "gone", to be marked inactive. */
  gone: { conversationId: string; reason: string }[];
}

function rememberPosted(state: State, input: { cardKey: string; target: string; messageId: string }): void {
  const posted = state.postedCards[input.cardKey] ?? [];
  const known = posted.find((p) => p.target === input.target);
  if (known) {
    if (known.messageId !== input.messageId) known.messageId = input.messageId;
  } else {
    state.postedCards[input.cardKey] = [...posted, { target: input.target, messageId: input.messageId }];
  }
}

function giveUp(notice: Notice, reason: string): void {
  notice.state = 'given-up';
  notice.lastError = reason;
}

/** A delivered notice leaves the outbox, unless its card changed meanwhile: then the copy is updated. */
function delivered(
  state: State,
  notice: Notice,
  input: { attempt: Attempt; messageId: string | null },
): boolean {
  const { attempt: a, messageId } = input;
  if (a.cardKey && messageId) rememberPosted(state, { cardKey: a.cardKey, target: a.target, messageId });
  if (a.cardKey && messageId && JSON.stringify(notice.view) !== a.sentView) {
    notice.mode = 'update';
    notice.notBefore = a.at.toISOString();
    return false;
  }
  return true;
}

function failed(notice: Notice, a: Attempt, detail: string): DeliveryLine['result'] {
  notice.attempts += 1;
  if (notice.attempts >= MAX_ATTEMPTS) {
    giveUp(notice, `gave up after ${notice.attempts} attempts: ${detail}`);
    return 'given-up';
  }
  notice.lastError = detail;
  notice.notBefore = new Date(a.at.getTime() + backoffMs(notice.attempts)).toISOString();
  return 'retry';
}

/** Gives up every queued notice to a conversation that is gone, and reports it once. */
function conversationGone(state: State, a: Attempt, detail: string, out: AppliedAttempts): void {
  const reason = `conversation gone: ${detail}`;
  for (const n of state.outbox) if (n.state === 'queued' && n.target === a.target) giveUp(n, reason);
  if (!state.people[a.target] && !out.gone.some((g) => g.conversationId === a.target)) {
    out.gone.push({ conversationId: a.target, reason: detail });
  }
}

function applyOne(state: State, notice: Notice, a: Attempt, out: AppliedAttempts): boolean {
  const o = a.outcome;
  const line = (result: DeliveryLine['result'], detail: string) =>
    out.lines.push({
      noticeId: notice.id,
      target: a.target,
      result,
      detail,
      failed: !o.ok,
      ...(result === 'retry' ? { retryAt: notice.notBefore } : {}),
    });
  if (o.ok) {
    const done = delivered(state, notice, { attempt: a, messageId: o.messageId });
    line(
      done ? 'delivered' : 'retry',
      done ? (o.messageId ?? 'sent') : 'card changed while sending; updating it',
    );
    return done;
  }
  if (o.kind === 'rate-limited') {
    notice.lastError = `rate limited: ${o.detail}`;
    notice.notBefore = new Date(a.at.getTime() + Math.max(0, o.retryAfterMs)).toISOString();
    line('retry', notice.lastError);
  } else if (o.kind === 'failed') {
    line(failed(notice, a, o.detail), o.detail);
  } else if (o.kind === 'gone') {
    conversationGone(state, a, o.detail, out);
    line('given-up', `conversation gone: ${o.detail}`);
  } else {
    giveUp(notice, o.detail);
    line('given-up', o.detail);
  }
  return false;
}

/** Drops the oldest given-up notices beyond the cap. */
function trimGivenUp(outbox: Notice[]): Notice[] {
  const givenUp = outbox.filter((n) => n.state === 'given-up');
  if (givenUp.length <= MAX_GIVEN_UP) return outbox;
  const dropped = new Set(givenUp.slice(0, givenUp.length - MAX_GIVEN_UP));
  return outbox.filter((n) => !dropped.has(n));
}

/**
 * Applies a batch of attempts to the state, inside one store update. Given the store's `current`
 * (the same state unwrapped), the notices are found and the outbox filtered there, and only the
 * notices attempted are read through `state`, which tracks every object read through it: reading
 * the whole outbox that way made each result cost the length of the backlog.
 */
export function applyAttempts(
  state: State,
  attempts: readonly Attempt[],
  given?: Readonly<State>,
): AppliedAttempts {
  const current = given ?? state;
  const out: AppliedAttempts = { lines: [], gone: [] };
  const at = new Map(current.outbox.map((n, i) => [n.id, i]));
  const removed = new Set<string>();
  for (const a of attempts) {
    const i = at.get(a.noticeId);
    const notice = i === undefined ? undefined : state.outbox[i];
    if (notice?.state !== 'queued') continue;
    if (applyOne(state, notice, a, out)) removed.add(notice.id);
  }
  const kept = removed.size ? current.outbox.filter((n) => !removed.has(n.id)) : current.outbox;
  const trimmed = trimGivenUp(kept);
  if (trimmed !== current.outbox) state.outbox = trimmed;
  return out;
}
