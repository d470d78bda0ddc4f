import { createAsyncContext } from '../../src/adapters/runtime/async-context.js';
import { randomIds } from '../../src/adapters/security/random-ids.js';
import { createMemoryAuditLog, createMemoryStore } from '../../src/adapters/storage/index.js';
import type { Deps } from '../../src/application/deps.js';
import { CatalogEntry, type Review } from '../../src/domain/catalog.js';
import { emptyState, type Install } from '../../src/domain/state.js';
import { fixedClock } from '../../test/fakes/clock.js';
import { silentLogger } from '../../test/fakes/silent-logger.js';

const DAY = 86_400_000;

/** Four kinds of integration, a quarter each: just auto-disabled, reminder due, past the deadline, review passed. */
function reviewFor(i: number, now: number): { review: Review; keptUntil: string | null } {
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (i % 4) {
    case 0:
      return {
        review: { state: 'failed', disableAt: iso(now - 60_000), deadline: iso(now + 90 * DAY) },
        keptUntil: null,
      };
    case 1:
      return {
        review: { state: 'pending', disableAt: iso(now - 60 * DAY), deadline: iso(now + 7 * DAY) },
        keptUntil: iso(now + 7 * DAY),
      };
    case 2:
      return {
        review: { state: 'failed', disableAt: iso(now - 90 * DAY), deadline: iso(now - 60_000) },
        keptUntil: iso(now - 60_000),
      };
    default:
      return { review: { state: 'passed' }, keptUntil: iso(now + 30 * DAY) };
  }
}

/** Deps over an in-memory store holding `integrations` installs and `channels` admin channels (half Slack, half Teams). */
export function aDeadlineWorld(input: { integrations: number; channels: number; at: string }): Deps {
  const now = Date.parse(input.at);
  const state = emptyState();
  const catalog: CatalogEntry[] = [];
  for (let i = 0; i < input.integrations; i++) {
    const id = `app-${i}`;
    const { review, keptUntil } = reviewFor(i, now);
    catalog.push(CatalogEntry.parse({ id, name: `App ${i}`, vendor: `Vendor ${i % 50}`, review }));
    const install: Install = {
      integrationId: id,
      scope: { kind: 'all' },
      status: 'enabled',
      connected: true,
      changedAt: input.at,
      changedBy: 'console:admin',
      keptUntil,
      disabledBy: null,
    };
    state.installs[id] = install;
  }
  state.people['console:admin'] = {
    id: 'console:admin',
    name: 'Admin',
    role: 'system-admin',
    since: input.at,
  };
  for (let c = 0; c < input.channels; c++) {
    const id = c % 2 ? `teams:19:channel-${c}` : `slack:C${String(c).padStart(6, '0')}`;
    state.adminChannels[id] = {
      id,
      name: `admins ${c}`,
      active: true,
      addedBy: 'console:admin',
      addedAt: input.at,
      inactiveReason: null,
    };
  }
  return {
    store: createMemoryStore(state),
    audit: createMemoryAuditLog(),
    clock: fixedClock(input.at),
    ids: randomIds,
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
    asyncContext: createAsyncContext,
  };
}
