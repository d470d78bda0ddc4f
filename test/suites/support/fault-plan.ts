import type { ConnectorCall } from '../../fakes/bot-connector.js';
import type { TransportFault } from '../../fakes/slack-api.js';
import type { Random } from './seeded-random.js';

/** The Slack methods the outbox uses to deliver; commands' own calls (users.info) are left alone. */
const DELIVERY_METHODS = new Set(['chat.postMessage', 'chat.update', 'conversations.open']);

export type FaultKind = TransportFault['kind'];

/**
 * Seeded transport faults for the fakes: while `active`, each delivery call fails with probability
 * `probability` as a 429 with Retry-After, a 500, a reset connection or no answer at all.
 */
export function createFaultPlan(rng: Random, input: { probability: number }) {
  const injected: Record<FaultKind, number> = { 'rate-limited': 0, 'server-error': 0, reset: 0, timeout: 0 };
  /** Faults by platform and kind (`teams timeout`), for the run's figures. */
  const where: Record<string, number> = {};
  const state = { active: false };
  const pick = (platform: 'slack' | 'teams'): TransportFault | undefined => {
    if (!state.active || !rng.chance(input.probability)) return undefined;
    const roll = rng.next();
    const fault: TransportFault =
      roll < 0.3
        ? { kind: 'rate-limited', retryAfter: 1 }
        : roll < 0.6
          ? { kind: 'server-error' }
          : roll < 0.88
            ? { kind: 'reset' }
            : { kind: 'timeout' };
    injected[fault.kind] += 1;
    where[`${platform} ${fault.kind}`] = (where[`${platform} ${fault.kind}`] ?? 0) + 1;
    return fault;
  };
  return {
    injected,
    where,
    total: () => Object.values(injected).reduce((a, b) => a + b, 0),
    setActive: (active: boolean) => {
      state.active = active;
    },
    slack: (method: string) => (DELIVERY_METHODS.has(method) ? pick('slack') : undefined),
    /** Replies to a message are the command's answer, not a delivery: they go through. */
    teams: (call: Pick<ConnectorCall, 'kind' | 'method' | 'activityId'>) =>
      call.method === 'POST' && call.activityId ? undefined : pick('teams'),
  };
}
