import { backoffMs, MAX_ATTEMPTS, type Notice, type SendOutcome } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';

/** Given-up notices kept for `notices`; older ones are dropped. */
export const MAX_GIVEN_UP = 200;

/** One send attempt, as the worker saw it: which notice, which copy of its view, and what came back. */
export interface Attempt {
  noticeId: string;
  /** Where the notice sat in the outbox when the run started: a hint that spares a scan. */
  index?: number;
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

/**
 * Records where a card's copy was posted. Found in the plain state and written through the draft
 * only where it changes: a card goes to every admin channel, and walking (or copying) its copies
 * through the draft for each result made a pass to a thousand channels cost a million proxied reads.
 */
function rememberPosted(draft: Drafts, input: { cardKey: string; target: string; messageId: string }): void {
  const { state, current } = draft;
  const posted = current.postedCards[input.cardKey];
  const at = posted ? posted.findIndex((p) => p.target === input.target) : -1;
  const copy = { target: input.target, messageId: input.messageId };
  if (!posted) state.postedCards[input.cardKey] = [copy];
  else if (at < 0) state.postedCards[input.cardKey]?.push(copy);
  else if (posted[at]?.messageId !== input.messageId) {
    const known = state.postedCards[input.cardKey]?.[at];
    if (known) known.messageId = input.messageId;
  }
}

function giveUp(notice: Notice, reason: string): void {
  notice.state = 'given-up';
  notice.lastError = reason;
}

/** A delivered notice leaves the outbox, unless its card changed meanwhile: then the copy is updated. */
function delivered(
  draft: Drafts,
  notice: Notice,
  input: { attempt: Attempt; messageId: string | null; viewNow: unknown },
): boolean {
  const { attempt: a, messageId } = input;
  if (a.cardKey && messageId) rememberPosted(draft, { cardKey: a.cardKey, target: a.target, messageId });
  if (a.cardKey && messageId && JSON.stringify(input.viewNow) !== a.sentView) {
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
function conversationGone(draft: Drafts, a: Attempt, detail: string, out: AppliedAttempts): void {
  const reason = `conversation gone: ${detail}`;
  draft.current.outbox.forEach((n, i) => {
    if (n.state === 'queued' && n.target === a.target) giveUp(draft.notice(i), reason);
  });
  if (!draft.current.people[a.target] && !out.gone.some((g) => g.conversationId === a.target)) {
    out.gone.push({ conversationId: a.target, reason: detail });
  }
}

/** Finds notices in the plain state and changes them through the store's draft, one at a time. */
interface Drafts {
  state: State;
  current: Readonly<State>;
  notice(index: number): Notice;
}

function applyOne(
  draft: Drafts,
  input: { notice: Notice; plain: Readonly<Notice> },
  a: Attempt,
  out: AppliedAttempts,
): boolean {
  const { notice } = input;
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
    const done = delivered(draft, notice, { attempt: a, messageId: o.messageId, viewNow: input.plain.view });
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
    conversationGone(draft, a, o.detail, out);
    line('given-up', `conversation gone: ${o.detail}`);
  } else {
    giveUp(notice, o.detail);
    line('given-up', o.detail);
  }
  return false;
}

function indexOf(current: Readonly<State>, a: Attempt): number {
  if (a.index !== undefined && current.outbox[a.index]?.id === a.noticeId) return a.index;
  return current.outbox.findIndex((n) => n.id === a.noticeId);
}

/**
 * Applies a batch of attempts to the state, inside one store update. `current` is the same state
 * read plainly (`store.read()`): notices are found there and only those that change are touched
 * through `state`, the store's change-recording draft, so a result costs what it changes rather
 * than a walk over the whole outbox. A delivered notice is marked `sent`; `compactOutbox` drops it.
 */
export function applyAttempts(
  state: State,
  attempts: readonly Attempt[],
  current: Readonly<State> = state,
): AppliedAttempts {
  const out: AppliedAttempts = { lines: [], gone: [] };
  const draft: Drafts = { state, current, notice: (index) => state.outbox[index] as Notice };
  for (const a of attempts) {
    const index = indexOf(current, a);
    const plain = current.outbox[index];
    if (plain?.state !== 'queued') continue;
    const notice = draft.notice(index);
    if (applyOne(draft, { notice, plain }, a, out)) notice.state = 'sent';
  }
  return out;
}

/**
 * The outbox without its sent notices and with at most MAX_GIVEN_UP given-up ones (the newest), or
 * null when nothing needs dropping. Reads the plain state; the caller assigns the result in an
 * update that changes nothing else.
 */
export function compactedOutbox(current: Readonly<State>): Notice[] | null {
  let givenUp = 0;
  let sent = 0;
  for (const n of current.outbox) {
    if (n.state === 'sent') sent += 1;
    else if (n.state === 'given-up') givenUp += 1;
  }
  const dropGivenUp = Math.max(0, givenUp - MAX_GIVEN_UP);
  if (!sent && !dropGivenUp) return null;
  let skipped = 0;
  return current.outbox.filter((n) => {
    if (n.state === 'sent') return false;
    if (n.state === 'given-up' && skipped < dropGivenUp) {
      skipped += 1;
      return false;
    }
    return true;
  });
}
