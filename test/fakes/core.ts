import { loadCatalog } from '../../src/adapters/catalog/load-catalog.js';
import { createOAuthClient } from '../../src/adapters/oauth/oauth-client.js';
import { createHmacSigner } from '../../src/adapters/security/hmac-signer.js';
import { randomIds } from '../../src/adapters/security/random-ids.js';
import { createSecretBox } from '../../src/adapters/security/secret-box.js';
import { createMemoryAuditLog, createMemoryStore } from '../../src/adapters/storage/index.js';
import { createEngine } from '../../src/application/create-engine.js';
import type { Deps, Settings } from '../../src/application/deps.js';
import type { Actor, Engine, Origin } from '../../src/application/engine.js';
import type { OAuthClient } from '../../src/application/ports/oauth-client.js';
import type { View } from '../../src/application/views/view.js';
import type { CatalogEntry } from '../../src/domain/catalog.js';
import { onPostgres, openTestStorage } from '../support/test-store.js';
import { fixedClock } from './clock.js';
import { silentLogger } from './silent-logger.js';

export const person = (name: string): Actor => ({
  id: `console:${name}`,
  name: name[0]?.toUpperCase() + name.slice(1),
});
export const dm = (actor: Actor): Origin => ({ conversationId: actor.id, kind: 'personal' });

/**
 * An engine over the in-memory store (a fresh PostgreSQL database with TEST_STORE=postgres,
 * test/support/test-store.ts), a fixed clock and the shipped catalog, with `admin` a system admin. */
export async function aCore(
  overrides: {
    settings?: Partial<Settings>;
    now?: string;
    /** Replaces the shipped catalog (entries with an `oauth` block, say). */
    catalog?: CatalogEntry[];
    /** Where OAuth client ids and secrets are read from, by the names the catalog gives. */
    env?: Record<string, string>;
    /** Replaces the OAuth client (a double answering without a network). */
    oauth?: OAuthClient;
  } = {},
) {
  const clock = fixedClock(overrides.now ?? '2026-11-22T10:42:00Z');
  const { store, audit } = onPostgres
    ? await openTestStorage()
    : { store: createMemoryStore(), audit: createMemoryAuditLog() };
  const settings: Settings = {
    plan: 'business',
    publicUrl: 'http://bot.test',
    timeZone: 'UTC',
    o365ClientId: 'client-1',
    reminderDays: [30, 7, 1],
    ...overrides.settings,
  };
  const deps: Deps = {
    store,
    audit,
    clock,
    ids: randomIds,
    signer: createHmacSigner('test-secret-0123456789'),
    catalog: overrides.catalog ?? loadCatalog({ catalogFile: null }),
    settings,
    logger: silentLogger,
    oauth: overrides.oauth ?? createOAuthClient({ env: overrides.env ?? {} }),
    box: createSecretBox('test-secret-0123456789'),
  };
  await store.update((state) => {
    state.people['console:admin'] = {
      id: 'console:admin',
      name: 'Admin',
      role: 'system-admin',
      since: clock.now().toISOString(),
    };
  });
  const engine: Engine = createEngine(deps);
  const admin = person('admin');
  /** Types a command as someone and returns the views. */
  const say = async (actor: Actor, text: string, origin: Origin = dm(actor)): Promise<View[]> =>
    (await engine.handleText({ actor, origin, text })).views;
  const textOf = (views: View[]) => JSON.stringify(views);
  return { deps, store, audit, clock, engine, admin, say, textOf };
}
