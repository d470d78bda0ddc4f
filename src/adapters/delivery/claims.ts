import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import type { SendPacing } from '../../application/ports/send-pacing.js';
import { type Store, writeFailureOf } from '../../application/ports/store.js';
import type { Notice, TargetClaim } from '../../domain/notice.js';
import type { State } from '../../domain/state.js';
import { dueByTarget, type HeldUntil } from './due-notices.js';

/**
 * How long a claim holds unless renewed. A run renews its claims once half of the lease has gone:
 * with a result's write, or else on its own while a send takes longer (the Bot Connector's 30 s
 * timeout, a wait for a rate-limit slot), checked every quarter of the lease (`renewal`). So a
 * claim lapses only when its worker stopped: then another takes the conversation over.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * How many conversations one claim takes at most. A run claims in chunks of this size, the next
 * while the first are being sent, until nothing free is due: so replicas that reach a large fan-out
 * together (every replica runs the minute's passes) share its conversations between them instead
 * of the first one taking them all, at the cost of one claim write per chunk.
 */
export const CLAIM_CHUNK = 100;

/** Whether `due` has a target that `skip` does not hold. */
function anyOutside(due: ReadonlyMap<string, unknown>, skip: ReadonlySet<string>): boolean {
  for (const target of due.keys()) if (!skip.has(target)) return true;
  return false;
}

/** Claims for a worker that shares its outbox with others (one per replica on one database). */
export interface ClaimOptions {
  /** This worker's id; by default the host and pid (which replica holds a claim) and a random part, so unique per process. */
  workerId?: string;
  /** How long a claim holds without renewal (default CLAIM_LEASE_MS). */
  leaseMs?: number;
  /** How many conversations one claim takes at most (default CLAIM_CHUNK). */
  chunk?: number;
  /**
   * The clock claims are dated by, shared by every process on the outbox: the wall clock. Unset, the
   * worker's own clock. They differ in `tick --at`, whose clock starts at the given time: claims
   * dated by it would hold the live replicas off a conversation until then (or let the tick take
   * ones they hold). The worker's times are turned into this clock's and back.
   */
  leaseClock?: Clock;
}

/** A change made inside a store update: the draft, and the same state read plainly. */
export type ClaimChange = (state: State, current: Readonly<State>) => void;

/** Sends a target had (ms, newest last) and when a Retry-After there ends (0: none). */
interface Pace {
  sends: number[];
  notBefore: number;
}

/** When the targets another worker holds are free again, read from `claims` at `nowMs`. */
export function heldByOthers(
  claims: Readonly<Record<string, TargetClaim>>,
  input: { by: string; nowMs: number },
): HeldUntil {
  return (target) => {
    const claim = claims[target];
    if (!claim || claim.by === input.by) return 0;
    const until = Date.parse(claim.until);
    return until > input.nowMs ? until : 0;
  };
}

/**
 * One worker's claims on the targets it sends to. Why per target: a conversation's notices go in
 * order and within its platform limits, which only the worker sending to it knows (its SendPacing
 * is kept in its process). So a target is never split between workers while a claim lives. On
 * release the target is free to anyone at once, and the record keeps when the platform answered
 * this worker's recent sends there (and any Retry-After) for as long as a limit window counts them:
 * the next worker to claim it hands them to its own pacing, which then waits as this worker's
 * would have (a Teams conversation that got three cards may get four more this second, not wait
 * out the 30-second window). Expired claims (a worker that died) are free to anyone and dropped by
 * the next claim.
 */
export interface TargetClaims {
  readonly by: string;
  /** Targets other workers hold, as `state` says at `nowMs`. */
  heldUntil(state: Readonly<State>, nowMs: number): HeldUntil;
  /**
   * In one store update, claims up to `chunk` targets with notices due that no other worker holds,
   * and returns those notices. `more` continues the run's claims: targets this run claimed already
   * are left out, and what it holds is kept; without it a new run starts. Writes nothing when there
   * are none. Never throws: when the claim cannot be saved nothing is claimed, and claiming is tried
   * again with backoff (`retryAt`), logged once a streak.
   */
  claim(input: { now: Date; indexOf: Map<string, number>; more?: boolean }): Promise<Map<string, Notice[]>>;
  /** How many targets one claim takes at most. */
  readonly chunk: number;
  /** When claiming is tried again after a failed write, or null. */
  retryAt(): Date | null;
  /** False once this worker's claim on `target` is gone or lapsed: it sends nothing more there. */
  holds(target: string, nowMs: number): boolean;
  /** A change for a result's write: renews this run's claims once half their lease has gone; releases `target` when `last`. */
  withResult(input: { target: string; last: boolean; nowMs: number }): ClaimChange;
  /** The change releasing whatever this run still holds; null when it holds nothing. */
  releaseRest(nowMs: number): ClaimChange | null;
  /** How often a run checks, while it sends, whether its claims need renewing (a quarter of the lease). */
  readonly renewEveryMs: number;
  /**
   * The change renewing this run's claims when half their lease has gone since the last renewal,
   * for a run whose sends outlast it with no result to ride on; null when nothing is due.
   */
  renewal(nowMs: number): ClaimChange | null;
  /** Wraps the pacing to learn when each target's last answer came, and so when its claim may pass on. */
  observe(pacing: SendPacing): SendPacing;
}

export function createTargetClaims(input: {
  store: Store;
  logger: Logger;
  options: ClaimOptions;
  /** The worker's clock, which the `nowMs` handed in are read from. */
  clock: Clock;
}): TargetClaims {
  const { store, clock } = input;
  const leaseClock = input.options.leaseClock;
  /** What to add to a time of the worker's clock to date it by the lease clock. */
  const offset = () => (leaseClock ? leaseClock.now().getTime() - clock.now().getTime() : 0);
  /** When targets others hold free up, on the worker's clock (`nowMs` its time). */
  const heldUntilOf = (claims: Readonly<Record<string, TargetClaim>>, nowMs: number): HeldUntil => {
    const off = offset();
    const held = heldByOthers(claims, { by, nowMs: nowMs + off });
    return (target) => {
      const until = held(target);
      return until === 0 ? 0 : until - off;
    };
  };
  const retry = createClaimRetry(input.logger);
  const by = input.options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = input.options.leaseMs ?? CLAIM_LEASE_MS;
  const chunk = input.options.chunk ?? CLAIM_CHUNK;
  /** Targets claimed in this run and not yet released. */
  const held = new Set<string>();
  /** Every target claimed in this run, released or not: a run sends to a target once. */
  const claimedInRun = new Set<string>();
  // Below, every `…Ms` kept or compared with a claim is on the lease clock.
  /**
   * This worker's answers per target that a limit may still count (ms, newest last), a Retry-After's
   * end, and when the target's limits forget them all.
   */
  const recent = new Map<string, Pace & { quietAt: number }>();
  /** What other workers left on targets this one claimed, not yet handed to its pacing (ms). */
  const seeds = new Map<string, Pace>();
  const iso = (ms: number) => new Date(ms).toISOString();
  let renewedAtMs = 0;

  // A release leaves `held` as it is written, so that a renewal riding a later write cannot take the
  // target back; should that write fail, the worker stops sending and its next claim starts afresh.
  const release = (state: State, current: Readonly<State>, target: string, nowMs: number) => {
    held.delete(target);
    if (current.deliveryClaims[target]?.by !== by) return;
    const pace = recent.get(target);
    if (pace && pace.quietAt > nowMs)
      state.deliveryClaims[target] = {
        by,
        until: iso(nowMs),
        pacing: {
          sends: pace.sends.map(iso),
          ...(pace.notBefore > nowMs ? { notBefore: iso(pace.notBefore) } : {}),
          keepUntil: iso(pace.quietAt),
        },
      };
    else delete state.deliveryClaims[target];
  };

  const renewDue = (nowMs: number) => held.size > 0 && nowMs - renewedAtMs >= leaseMs / 2;
  const renew = (state: State, current: Readonly<State>, nowMs: number) => {
    if (!renewDue(nowMs)) return;
    renewedAtMs = nowMs;
    const until = new Date(nowMs + leaseMs).toISOString();
    for (const target of held)
      if (current.deliveryClaims[target]?.by === by) state.deliveryClaims[target] = { by, until };
  };

  /**
   * Drops lapsed claims, and claims the targets with notices due, taking the pacing other workers
   * left on them; decided on the state as the write sees it.
   */
  const write = (now: Date, indexOf: Map<string, number>, skip: ReadonlySet<string>) =>
    store.update((state, current) => {
      const nowMs = now.getTime() + offset();
      const plain = current ?? state;
      for (const [target, claim] of Object.entries(plain.deliveryClaims)) {
        const kept = claim.pacing && Date.parse(claim.pacing.keepUntil) > nowMs;
        if (!(Date.parse(claim.until) > nowMs) && !kept) delete state.deliveryClaims[target];
      }
      const heldUntil = heldUntilOf(plain.deliveryClaims, now.getTime());
      const due = new Map<string, Notice[]>();
      for (const [target, notices] of dueByTarget(plain, now, { indexOf, heldUntil })) {
        if (due.size === chunk) break;
        if (!skip.has(target)) due.set(target, notices);
      }
      const until = iso(nowMs + leaseMs);
      const handed = new Map<string, NonNullable<TargetClaim['pacing']>>();
      for (const target of due.keys()) {
        // Read before the claim below replaces it (the plain state is the one being written).
        const left = plain.deliveryClaims[target];
        if (left?.pacing && left.by !== by) handed.set(target, left.pacing);
        state.deliveryClaims[target] = { by, until };
      }
      return { due, handed };
    });

  /** Takes what another worker left on a target: handed to the pacing at the first send, and passed on at release. */
  const takeOver = (target: string, left: NonNullable<TargetClaim['pacing']>) => {
    const pace: Pace = {
      sends: left.sends.map((at) => Date.parse(at)),
      notBefore: left.notBefore ? Date.parse(left.notBefore) : 0,
    };
    seeds.set(target, pace);
    const quietAt = Math.max(recent.get(target)?.quietAt ?? 0, Date.parse(left.keepUntil));
    recent.set(target, { sends: [...pace.sends], notBefore: pace.notBefore, quietAt });
  };

  return {
    by,
    retryAt: retry.retryAt,
    heldUntil: (state, nowMs) => heldUntilOf(state.deliveryClaims, nowMs),
    chunk,
    claim: async ({ now, indexOf, more = false }) => {
      const skip: ReadonlySet<string> = more ? claimedInRun : new Set();
      // Nothing due is no reason to write: an idle worker only reads.
      const heldUntil = heldUntilOf(store.read().deliveryClaims, now.getTime());
      if (retry.blocked(now) || !anyOutside(dueByTarget(store.read(), now, { heldUntil }), skip))
        return new Map();
      let groups: Map<string, Notice[]>;
      let handed: Map<string, NonNullable<TargetClaim['pacing']>>;
      try {
        ({ due: groups, handed } = await write(now, indexOf, skip));
        retry.succeeded();
      } catch (error) {
        retry.failed(now, error);
        return new Map();
      }
      if (!more) {
        held.clear();
        claimedInRun.clear();
      }
      for (const target of groups.keys()) {
        held.add(target);
        claimedInRun.add(target);
      }
      const nowMs = now.getTime() + offset();
      renewedAtMs = nowMs;
      for (const [target, pace] of recent) if (pace.quietAt <= nowMs) recent.delete(target);
      for (const [target, left] of handed) takeOver(target, left);
      return groups;
    },
    holds: (target, nowMs) => {
      const claim = store.read().deliveryClaims[target];
      return claim?.by === by && Date.parse(claim.until) > nowMs + offset();
    },
    withResult: ({ target, last, nowMs }) => {
      const at = nowMs + offset();
      return (state, current) => {
        renew(state, current, at);
        if (last) release(state, current, target, at);
      };
    },
    renewEveryMs: leaseMs / 4,
    renewal: (nowMs) => {
      const at = nowMs + offset();
      return renewDue(at) ? (state, current) => renew(state, current, at) : null;
    },
    releaseRest: (nowMs) => {
      if (held.size === 0) return null;
      const targets = [...held];
      const at = nowMs + offset();
      return (state, current) => {
        for (const target of targets) release(state, current, target, at);
      };
    },
    observe: (pacing) => ({
      take: async (request) => {
        const seed = seeds.get(request.target);
        if (seed) {
          // The sends another worker made there, on this worker's clock, count as its own.
          seeds.delete(request.target);
          const off = offset();
          const { target, limits } = request;
          for (const at of seed.sends) await pacing.done({ target, limits, answeredAtMs: at - off });
          if (seed.notBefore > 0)
            await pacing.done({ target, limits, answeredAtMs: seed.notBefore - off, retryAfterMs: 0 });
        }
        return pacing.take(request);
      },
      done: (answer) => {
        if (answer.answeredAtMs !== null) {
          const at = answer.answeredAtMs + offset();
          const windowMs = Math.max(0, ...answer.limits.map((l) => l.perMs), answer.retryAfterMs ?? 0);
          const pace = recent.get(answer.target) ?? { sends: [], notBefore: 0, quietAt: 0 };
          pace.quietAt = Math.max(pace.quietAt, at + windowMs);
          if (answer.retryAfterMs !== undefined)
            pace.notBefore = Math.max(pace.notBefore, at + answer.retryAfterMs);
          else {
            pace.sends.push(at);
            const keep = Math.max(1, ...answer.limits.map((l) => l.count));
            if (pace.sends.length > keep) pace.sends.splice(0, pace.sends.length - keep);
          }
          recent.set(answer.target, pace);
        }
        return pacing.done(answer);
      },
    }),
  };
}

/** When claiming failed: nothing is sent, and claiming is tried again with backoff, logged once a streak. */
export interface ClaimRetry {
  blocked(now: Date): boolean;
  failed(now: Date, error: unknown): void;
  succeeded(): void;
  /** When claiming is tried again, or null when it is not failing. */
  retryAt(): Date | null;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

export function createClaimRetry(logger: Logger): ClaimRetry {
  let failures = 0;
  let retryAtMs = 0;
  return {
    blocked: (now) => failures > 0 && now.getTime() < retryAtMs,
    failed: (now, error) => {
      failures += 1;
      retryAtMs = now.getTime() + Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
      if (failures > 1) return;
      logger.error('delivery paused: notices to send cannot be claimed', {
        reason: writeFailureOf(error) ?? 'error',
        error: error instanceof Error ? error.message : String(error),
      });
    },
    succeeded: () => {
      if (failures > 0) logger.info('delivery resumed: notices claimed again', { failures });
      failures = 0;
    },
    retryAt: () => (failures > 0 ? new Date(retryAtMs) : null),
  };
}
