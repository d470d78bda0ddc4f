import type { Clock } from '../../application/ports/clock.js';
import type { SendPacing } from '../../application/ports/send-pacing.js';
import type { Sender } from '../../application/ports/sender.js';
import type { Store } from '../../application/ports/store.js';
import type { View } from '../../application/views/view.js';
import { type Platform, platformOf } from '../../domain/ids.js';
import type { Notice, SendOutcome } from '../../domain/notice.js';
import type { Attempt } from './apply-attempts.js';

/** What sending the notices of one target needs. */
export interface TargetRun {
  /** Indexes of the notices in the outbox when the run started (hints for recording results). */
  indexOf?: ReadonlyMap<string, number>;
  store: Store;
  senders: Partial<Record<Platform, Sender>>;
  clock: Clock;
  pacing: SendPacing;
  /** Bounds the requests in flight across all targets. */
  inFlight: <T>(task: () => Promise<T>, priority?: number) => Promise<T>;
  sleep: (ms: number) => Promise<void>;
  /** True once a result could not be saved: no further send starts, so none is repeated. */
  halted: () => boolean;
  /**
   * Saves an attempt's result; resolves once it is durable (or held back by a failing disk). `last`:
   * nothing more is sent to the target in this run.
   */
  record: (attempt: Attempt, last: boolean) => Promise<void>;
  /** False once another worker may send to the target (this one's claim is gone): nothing more is sent there. */
  holds?: (target: string) => boolean;
  /**
   * The views of this run by their JSON: a card queued to a thousand channels is read once, and
   * its one object lets the senders render it once (they keep renderings by view).
   */
  views?: Map<string, View>;
}

/** The view as sent, one object per distinct JSON in a run. */
function viewOf(run: TargetRun, sentView: string): View {
  const known = run.views?.get(sentView);
  if (known) return known;
  const view = JSON.parse(sentView) as View;
  run.views?.set(sentView, view);
  return view;
}

function senderFor(senders: TargetRun['senders'], target: string): Sender | string {
  let platform: Platform;
  try {
    platform = platformOf(target);
  } catch {
    return `not a platform-prefixed target: ${target.slice(0, 80)}`;
  }
  return senders[platform] ?? `no sender for ${platform}`;
}

/** One post or update; a sender that throws is a failed attempt, never a crash. */
async function sendOne(
  run: TargetRun,
  input: { sender: Sender; notice: Notice; view: View },
): Promise<SendOutcome> {
  const { sender, notice, view } = input;
  const posted = notice.cardKey ? run.store.read().postedCards[notice.cardKey] : undefined;
  const messageId = posted?.find((p) => p.target === notice.target)?.messageId;
  try {
    if (notice.mode === 'update' && messageId)
      return await sender.update({ target: notice.target, messageId, view });
    return await sender.post({ target: notice.target, view });
  } catch (error) {
    return { ok: false, kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

const MAX_WAITS = 3;
/** Retry-After waited out within a run: at most this long, this many times per target. */
const MAX_WAIT_OUT_MS = 5_000;
const MAX_WAIT_OUTS = 3;
/** How long a taken slot stays held should this process stop before its answer (well past any send timeout). */
const HOLD_MS = 120_000;

/**
 * How long a conversation's `remaining` cards take at the least under its limits, counted from its
 * previous send: the priority of its next request, so that paced conversations (Slack's, a second
 * a card) are not held up behind those that may take all of theirs at once (Teams' first seven).
 */
export function pacedMs(remaining: number, limits: readonly { count: number; perMs: number }[]): number {
  const at: number[] = [];
  for (let i = 0; i <= remaining; i++) {
    let t = 0;
    for (const { count, perMs } of limits) {
      const before = count > 0 ? at[i - count] : undefined;
      if (before !== undefined) t = Math.max(t, before + perMs);
    }
    at.push(t);
  }
  return at.at(-1) ?? 0;
}

/**
 * Takes the target's next send slot, waiting until its pacing allows it. A timer may wake a moment
 * early, so it asks again; a clock that does not move (a fixed clock) cannot hold it for ever.
 */
async function takeSlot(run: TargetRun, target: string, sender: Sender): Promise<void> {
  for (let i = 0; i < MAX_WAITS; i++) {
    const nowMs = run.clock.now().getTime();
    const at = await run.pacing.take({ target, limits: sender.limits, nowMs, holdMs: HOLD_MS });
    if (at <= nowMs) return;
    await run.sleep(at - nowMs);
  }
}

/**
 * Sends one target's due notices in order, each once the previous one was answered and its
 * pacing allows (timed from that answer, and from its Retry-After on a 429). A short Retry-After
 * is waited out and the same notice sent again; otherwise it stops at the first notice that is not
 * delivered, so a conversation's notices never overtake each other.
 */
export async function sendToTarget(
  run: TargetRun,
  input: { target: string; notices: readonly Notice[] },
): Promise<void> {
  const { target, notices } = input;
  const sender = senderFor(run.senders, target);
  if (typeof sender === 'string') {
    const fatal = { ok: false, kind: 'fatal', detail: sender } as const;
    await Promise.all(
      notices.map((n) =>
        record(run, { notice: n, outcome: fatal, sentView: JSON.stringify(n.view), last: true }),
      ),
    );
    return;
  }
  const { limits } = sender;
  // A client still loading holds neither the conversation's slot nor a request slot meanwhile.
  await sender.ready?.();
  let waitedOut = 0;
  for (let i = 0; i < notices.length; ) {
    const notice = notices[i] as Notice;
    if (run.halted() || run.holds?.(target) === false) return;
    await takeSlot(run, target, sender);
    const sentView = JSON.stringify(notice.view);
    const outcome = await run.inFlight(
      async () => {
        // Checked again here: a result may have failed to save, or the claim lapsed, while this send
        // waited for its turn.
        if (run.halted() || run.holds?.(target) === false) return null;
        return sendOne(run, { sender, notice, view: viewOf(run, sentView) });
      },
      pacedMs(notices.length - i, limits),
    );
    const answeredAtMs = outcome === null ? null : run.clock.now().getTime();
    const refused = outcome?.ok === false && outcome.kind === 'rate-limited' ? outcome : null;
    await run.pacing.done({
      target,
      limits,
      answeredAtMs,
      ...(refused ? { retryAfterMs: refused.retryAfterMs } : {}),
    });
    if (outcome === null) return;
    // A short Retry-After is waited out here (the pacing holds the target until then), so the
    // conversation's cards need not wait for the next run; a long one is left to a later run.
    const waitOut = refused !== null && refused.retryAfterMs <= MAX_WAIT_OUT_MS && waitedOut < MAX_WAIT_OUTS;
    const last = outcome.ok ? i + 1 >= notices.length : !waitOut;
    // The next notice waits until this result is durable: a crash then re-sends at most this one.
    await record(run, { notice, outcome, sentView, last });
    if (outcome.ok) {
      i += 1;
      continue;
    }
    if (!waitOut) return;
    waitedOut += 1;
  }
}

function record(
  run: TargetRun,
  input: { notice: Notice; outcome: SendOutcome; sentView: string; last: boolean },
): Promise<void> {
  const { notice, outcome, sentView } = input;
  return run.record(
    {
      noticeId: notice.id,
      ...(run.indexOf?.has(notice.id) ? { index: run.indexOf.get(notice.id) as number } : {}),
      target: notice.target,
      cardKey: notice.cardKey,
      sentView,
      outcome,
      at: run.clock.now(),
    },
    input.last,
  );
}
