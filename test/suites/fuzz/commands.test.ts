import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/adapters/catalog/load-catalog.js';
import { createOAuthClient } from '../../../src/adapters/oauth/oauth-client.js';
import { createHmacSigner } from '../../../src/adapters/security/hmac-signer.js';
import { randomIds } from '../../../src/adapters/security/random-ids.js';
import { createSecretBox } from '../../../src/adapters/security/secret-box.js';
import { createMemoryAuditLog, createMemoryStore, loadState } from '../../../src/adapters/storage/index.js';
import { createEngine } from '../../../src/application/create-engine.js';
import type { Deps } from '../../../src/application/deps.js';
import type { Actor, Engine, Mention, Origin } from '../../../src/application/engine.js';
import type { State } from '../../../src/domain/state.js';
import { fixedClock } from '../../fakes/clock.js';
import { adminChanges, schemaProblem } from './support/admin-state.js';
import { commandText } from './support/commands.js';
import { nastyString } from './support/mutate.js';
import { describeCase, FUZZ_BATCH, fuzz, timeoutFor } from './support/settings.js';
import { watchProcess } from './support/watch.js';

const ADMIN: Actor = { id: 'console:admin', name: 'Admin' };
const MEMBER: Actor = { id: 'console:max', name: 'Max' };
const OTHER = 'console:bob';
const ADMIN_CHANNEL = 'console:#admins';

const people = fc.oneof(
  fc.constantFrom(
    'console:admin',
    'console:max',
    OTHER,
    'slack:U123',
    'teams:abc',
    '@Bob',
    '@Admin',
    'nobody',
  ),
  nastyString,
);
/** What a channel resolves mentions to: well-formed ids, names as the platform gave them. */
const mentions: fc.Arbitrary<Mention[]> = fc.array(
  fc.record({ id: fc.constantFrom(OTHER, 'console:ada', 'console:admin'), name: nastyString }),
  { maxLength: 2 },
);
const origins: fc.Arbitrary<Origin> = fc.oneof(
  fc.constant<Origin>({ conversationId: 'console:max', kind: 'personal' }),
  fc.record({
    conversationId: fc.constantFrom(ADMIN_CHANNEL, 'console:#general'),
    kind: fc.constantFrom('channel' as const, 'group' as const),
    name: fc.option(nastyString),
  }),
);
const input = fc.record({
  text: commandText(people),
  mentions,
  origin: origins,
  name: fc.option(nastyString),
});

async function setUp() {
  const clock = fixedClock('2026-11-22T10:42:00Z');
  const store = createMemoryStore();
  const deps: Deps = {
    store,
    audit: createMemoryAuditLog(),
    clock,
    ids: randomIds,
    signer: createHmacSigner('fuzz-secret-0123456789'),
    catalog: loadCatalog({ catalogFile: null }),
    settings: {
      plan: 'business',
      publicUrl: 'http://bot.test',
      timeZone: 'UTC',
      o365ClientId: 'c1',
      reminderDays: [30, 7, 1],
    },
    logger: watch.logger,
    oauth: createOAuthClient({ env: {} }),
    box: createSecretBox('fuzz-secret-0123456789'),
  };
  await store.update((s) => {
    s.people[ADMIN.id] = {
      id: ADMIN.id,
      name: 'Admin',
      role: 'system-admin',
      since: clock.now().toISOString(),
    };
  });
  const engine = createEngine(deps);
  const dm = (a: Actor): Origin => ({ conversationId: a.id, kind: 'personal' });
  const script: [Actor, Origin, string][] = [
    [ADMIN, dm(ADMIN), 'group create Sales'],
    [ADMIN, dm(ADMIN), 'group create Engineering'],
    [ADMIN, dm(ADMIN), `group Sales add ${MEMBER.id}`],
    [ADMIN, dm(ADMIN), `group Engineering add ${OTHER}`],
    [ADMIN, dm(ADMIN), 'enable zoom for all'],
    [ADMIN, dm(ADMIN), 'enable box for Sales'],
    [ADMIN, dm(ADMIN), 'integration add Acme Wiki link wiki.acme.test'],
    [ADMIN, dm(ADMIN), 'set provider hangouts'],
    [ADMIN, { conversationId: ADMIN_CHANNEL, kind: 'channel', name: 'admins' }, 'notify here'],
    [MEMBER, dm(MEMBER), 'request jira because we track bugs'],
    // Box (file storage) is on for the member's group: without "anyway" Dropbox would be offered it instead.
    [MEMBER, dm(MEMBER), 'request dropbox anyway'],
    [ADMIN, dm(ADMIN), 'block quip because we write in SharePoint'],
    [ADMIN, dm(ADMIN), 'deny dropbox because not now'],
  ];
  for (const [actor, origin, text] of script) await engine.handleText({ actor, origin, text });
  return { engine, store, baseline: structuredClone(store.read()) as State };
}

const watch = watchProcess();
let world: { engine: Engine; store: ReturnType<typeof createMemoryStore>; baseline: State };

/** The next start loads the snapshot a write would store: the state as JSON, through the project's loader. */
function loadProblem(state: Readonly<State>): string | null {
  try {
    loadState({ file: 'state.json', text: JSON.stringify(state), now: new Date() });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function propertyFor(actor: Actor, adminOnlyUnchanged: boolean) {
  let cases = 0;
  return fc.asyncProperty(input, async (c) => {
    if (cases++ % FUZZ_BATCH === 0)
      await world.store.update((s) => Object.assign(s, structuredClone(world.baseline)));
    const who = { ...actor, name: c.name ?? actor.name };
    let reply: Awaited<ReturnType<Engine['handleText']>> | undefined;
    try {
      reply = await world.engine.handleText({
        actor: who,
        origin: c.origin,
        text: c.text,
        mentions: c.mentions,
      });
    } catch (error) {
      throw new Error(`handleText threw: ${(error as Error).stack}`);
    }
    const state = world.store.read();
    const problems = [
      ...(Array.isArray(reply?.views) && reply.views.length > 0 ? [] : ['no reply']),
      ...watch.take().map((t) => `${t.kind}: ${t.text}`),
      ...(adminOnlyUnchanged ? adminChanges(world.baseline, state) : []),
      ...[schemaProblem(state), loadProblem(state)].filter((p): p is string => p !== null),
    ];
    if (problems.length) {
      await world.store.update((s) => Object.assign(s, structuredClone(world.baseline)));
      throw new Error(`${describeCase(c)}\n${problems.join('\n')}`);
    }
  });
}

describe('fuzz: command texts through the engine', () => {
  beforeAll(async () => {
    world = await setUp();
    expect(Object.keys(world.baseline.groups)).toHaveLength(2);
    expect(
      Object.values(world.baseline.requests)
        .map((r) => r.state)
        .sort(),
    ).toEqual(['denied', 'open']);
    expect(Object.keys(world.baseline.blocked)).toEqual(['quip']);
    expect(Object.keys(world.baseline.adminChannels)).toHaveLength(1);
    expect(world.baseline.customIntegrations).toHaveLength(1);
  });
  afterAll(() => watch.stop());

  it('by a member: answers, changes nothing admin-owned, and the state still loads', {
    timeout: timeoutFor(),
  }, async () => {
    await fuzz('commands (member)', propertyFor(MEMBER, true));
  });

  it('by an admin: answers, and the state still loads', { timeout: timeoutFor() }, async () => {
    await fuzz('commands (admin)', propertyFor(ADMIN, false));
  });
});
