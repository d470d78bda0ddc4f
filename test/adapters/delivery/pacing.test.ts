import { describe, expect, it } from 'vitest';
import { createDeliveryWorker } from '../../../src/adapters/delivery/index.js';
import { createOAuthClient } from '../../../src/adapters/oauth/oauth-client.js';
import { randomIds } from '../../../src/adapters/security/random-ids.js';
import { createSecretBox } from '../../../src/adapters/security/secret-box.js';
import { createMemoryAuditLog, createMemoryStore } from '../../../src/adapters/storage/index.js';
import type { Deps } from '../../../src/application/deps.js';
import { queueNotice } from '../../../src/application/outbox.js';
import { runDeadlinePass } from '../../../src/application/use-cases/run-deadline-pass.js';
import { message } from '../../../src/application/views/format.js';
import { CatalogEntry } from '../../../src/domain/catalog.js';
import { emptyState } from '../../../src/domain/state.js';
import { fixedClock } from '../../fakes/clock.js';
import { silentLogger } from '../../fakes/silent-logger.js';
import { SLACK_LIMITS, TEAMS_LIMITS } from './fake-sender.js';
import { createLimitedPlatform } from './limited-platform.js';
import { createSimulatedTime, type SimulatedTime } from './simulated-time.js';

const AT = '2027-06-01T09:00:00.000Z';
const DAY = 86_400_000;
const iso = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();

const SLACK_CHANNELS = ['slack:C1', 'slack:C2', 'slack:C3', 'slack:C4'];
const TEAMS_CHANNEL = 'teams:19:admins@thread.tacv2';

/**
 * After downtime, three integrations owe a card each at AT: one just auto-disabled (attention),
 * one with a reminder due, one past its deadline (final). Four Slack channels and one Teams
 * conversation are admin channels, so the pass stacks three cards in each.
 */
function aStackedWorld(): Deps {
  const state = emptyState();
  const reviews = {
    alpha: { review: { state: 'failed', disableAt: iso(-60_000), deadline: iso(90 * DAY) }, keptUntil: null },
    bravo: { review: { state: 'pending', disableAt: iso(2 * DAY), deadline: iso(5 * DAY) }, keptUntil: null },
    charlie: {
      review: { state: 'failed', disableAt: iso(-60 * DAY), deadline: iso(-60_000) },
      keptUntil: null,
    },
  } as const;
  const catalog = Object.entries(reviews).map(([id, { review }]) =>
    CatalogEntry.parse({ id, name: id, vendor: 'Vendor', review }),
  );
  for (const [id, { keptUntil }] of Object.entries(reviews))
    state.installs[id] = {
      integrationId: id,
      scope: { kind: 'all' },
      status: 'enabled',
      connected: true,
      changedAt: iso(-100 * DAY),
      changedBy: 'console:admin',
      keptUntil,
      disabledBy: null,
      disabledAt: null,
      endsAt: null,
      approvedPermissions: null,
    };
  state.people['console:admin'] = { id: 'console:admin', name: 'Admin', role: 'system-admin', since: AT };
  for (const id of [...SLACK_CHANNELS, TEAMS_CHANNEL])
    state.adminChannels[id] = {
      id,
      name: id,
      active: true,
      addedBy: 'console:admin',
      addedAt: AT,
      inactiveReason: null,
    };
  return {
    store: createMemoryStore(state),
    audit: createMemoryAuditLog(),
    clock: fixedClock(AT),
    signer: { sign: () => 'unused', verify: () => null },
    catalog,
    settings: {
      plan: 'business',
      publicUrl: 'http://127.0.0.1',
      timeZone: 'Europe/Paris',
      o365ClientId: null,
      reminderDays: [30, 7, 1],
    },
    logger: silentLogger,
    oauth: createOAuthClient({ env: {} }),
    box: createSecretBox('pacing-secret-0123456789'),
    ids: randomIds,
  };
}

/** Runs the worker as `tick` does: again whenever a notice is due, until none is left. */
async function deliverAll(time: SimulatedTime, worker: ReturnType<typeof createDeliveryWorker>) {
  const reports = [];
  for (let runs = 0; runs < 20; runs++) {
    const report = await time.run(() => worker.runOnce());
    reports.push(report);
    if (!report.nextDueAt) break;
    await time.run(() => time.sleep(Date.parse(report.nextDueAt as string) - time.nowMs()));
  }
  return reports;
}

function setup(
  deps: Deps,
  platform: {
    requestMs?: (target: string, n: number) => number;
    refuse?: (target: string, n: number) => number | undefined;
  },
) {
  const time = createSimulatedTime(AT);
  const slack = createLimitedPlatform({ limits: SLACK_LIMITS, time, answerMs: 5, ...platform });
  const teams = createLimitedPlatform({ limits: TEAMS_LIMITS, time, answerMs: 5, ...platform });
  const worker = createDeliveryWorker({
    store: deps.store,
    senders: { slack, teams },
    clock: time.clock,
    logger: silentLogger,
    onGone: async () => {},
    sleep: time.sleep,
  });
  return { time, slack, teams, worker };
}

/** Each target's cards by title, in arrival order. */
function cardsByTarget(arrivals: readonly { target: string; title: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of arrivals) out[a.target] = [...(out[a.target] ?? []), a.title];
  return out;
}

const STACK = ['attention', 'reminder', 'disabled-for-good'];

describe('delivery pacing against platforms that enforce their limits', () => {
  it('delivers a stacked pass to Slack channels and a Teams conversation with no 429, each card once', async () => {
    const deps = aStackedWorld();
    // A conversation's first request is slow to arrive and the later ones fast: sends a second
    // apart from when they were handed over would then arrive less than a second apart.
    const { time, slack, teams, worker } = setup(deps, { requestMs: (_t, n) => (n === 1 ? 400 : 10) });
    const pass = await runDeadlinePass(deps, { now: new Date(AT) });
    expect(pass.notices).toHaveLength(3);

    const reports = await deliverAll(time, worker);

    expect(slack.rejected).toBe(0);
    expect(teams.rejected).toBe(0);
    expect(cardsByTarget([...slack.arrivals, ...teams.arrivals])).toEqual(
      Object.fromEntries([...SLACK_CHANNELS, TEAMS_CHANNEL].map((t) => [t, STACK])),
    );
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(15);
    expect(deps.store.read().outbox).toEqual([]);
    // Under the limits, every card reached its channel a second or more after the one before.
    for (const target of SLACK_CHANNELS) {
      const at = slack.arrivals.filter((a) => a.target === target).map((a) => a.at);
      expect(at[1] as number).toBeGreaterThanOrEqual((at[0] as number) + 1_000);
      expect(at[2] as number).toBeGreaterThanOrEqual((at[1] as number) + 1_000);
    }
  });

  it('keeps a Teams conversation within 7 a second and 60 in 30 seconds when answers come late', async () => {
    const deps = aStackedWorld();
    await deps.store.update((state) => {
      for (let i = 0; i < 70; i++)
        queueNotice(state, { now: new Date(AT), target: TEAMS_CHANNEL, view: message('info', `card ${i}`) });
    });
    const { time, teams, worker } = setup(deps, { requestMs: (_t, n) => (n % 7 === 1 ? 300 : 1) });

    await deliverAll(time, worker);

    expect(teams.rejected).toBe(0);
    expect(teams.arrivals).toHaveLength(70);
    expect(deps.store.read().outbox).toEqual([]);
  });

  it('waits out a 429 with its Retry-After, then delivers every card once and in order', async () => {
    const deps = aStackedWorld();
    // The platform refuses C1's second request for 3 s, whatever its own limits say.
    const { time, slack, teams, worker } = setup(deps, {
      refuse: (target, n) => (target === 'slack:C1' && n === 2 ? 3_000 : undefined),
    });
    await runDeadlinePass(deps, { now: new Date(AT) });

    await deliverAll(time, worker);

    expect(slack.rejected).toBe(1);
    expect(cardsByTarget([...slack.arrivals, ...teams.arrivals])).toEqual(
      Object.fromEntries([...SLACK_CHANNELS, TEAMS_CHANNEL].map((t) => [t, STACK])),
    );
    expect(deps.store.read().outbox).toEqual([]);
    // The refused card was sent again only once its Retry-After had passed.
    const c1 = slack.arrivals.filter((a) => a.target === 'slack:C1').map((a) => a.at);
    expect(c1[1] as number).toBeGreaterThanOrEqual((c1[0] as number) + 1_000 + 3_000);
  });

  it('holds a conversation whose Retry-After is long for a later run, and loses nothing', async () => {
    const deps = aStackedWorld();
    const { time, slack, worker } = setup(deps, {
      refuse: (target, n) => (target === 'slack:C2' && n === 1 ? 30_000 : undefined),
    });
    await runDeadlinePass(deps, { now: new Date(AT) });

    const first = await time.run(() => worker.runOnce());
    expect(first.retried).toBe(1);
    expect(deps.store.read().outbox.filter((n) => n.target === 'slack:C2')).toHaveLength(3);
    await deliverAll(time, worker);

    expect(slack.rejected).toBe(1);
    expect(cardsByTarget(slack.arrivals)['slack:C2']).toEqual(STACK);
    const c2 = slack.arrivals.filter((a) => a.target === 'slack:C2').map((a) => a.at);
    expect(c2[0] as number).toBeGreaterThanOrEqual(Date.parse(AT) + 30_000);
    expect(deps.store.read().outbox).toEqual([]);
  });
});
