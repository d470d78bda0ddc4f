import type { CatalogEntry } from '../domain/catalog.js';
import type { AccountPlan } from '../domain/plan.js';
import type { RequestDelays } from '../domain/request-timing.js';
import type { DigestSchedule } from '../domain/schedule.js';
import type { State } from '../domain/state.js';
import type { AuditLog } from './ports/audit-log.js';
import type { Clock } from './ports/clock.js';
import type { IdSource } from './ports/id-source.js';
import type { Logger } from './ports/logger.js';
import type { OAuthClient } from './ports/oauth-client.js';
import type { SecretBox } from './ports/secret-box.js';
import type { StateSigner } from './ports/state-signer.js';
import type { Store } from './ports/store.js';

/** Account-wide settings the use cases read (from the environment, via compose). */
export interface Settings {
  plan: AccountPlan;
  publicUrl: string;
  timeZone: string;
  o365ClientId: string | null;
  reminderDays: readonly number[];
  /** When admin channels get the demand digest; weekly on Monday at 09:00 when left out. */
  digest?: DigestSchedule;
  /** When an open request is raised again, escalated and expired; the defaults when absent. */
  requestDelays?: RequestDelays;
  /** Ids of ADMINS: system admins at every start, whom `admin remove` leaves to the configuration. */
  configuredAdmins?: readonly string[];
}

/** What every use case receives: ports, the shipped catalog and the settings. */
export interface Deps {
  store: Store;
  audit: AuditLog;
  clock: Clock;
  ids: IdSource;
  signer: StateSigner;
  /** Shipped catalog merged with CATALOG_FILE; custom integrations live in the state. */
  catalog: readonly CatalogEntry[];
  settings: Settings;
  logger: Logger;
  /** Connects integrations whose catalog entry has an `oauth` block. */
  oauth: OAuthClient;
  /** Seals tokens and PKCE verifiers kept at rest. */
  box: SecretBox;
}

const indexCache = new WeakMap<object, Map<string, CatalogEntry>>();

/** Every integration known now: shipped, from CATALOG_FILE, and custom ones added by admins. */
export function catalogOf(deps: Pick<Deps, 'catalog'>, state: Readonly<State>): readonly CatalogEntry[] {
  // No copy on the common path: unfurls and name look-ups call this on every request.
  return state.customIntegrations.length ? [...deps.catalog, ...state.customIntegrations] : deps.catalog;
}

export function integrationById(
  deps: Pick<Deps, 'catalog'>,
  state: Readonly<State>,
  id: string,
): CatalogEntry | undefined {
  let index = indexCache.get(deps.catalog);
  if (!index) {
    index = new Map(deps.catalog.map((e) => [e.id, e]));
    indexCache.set(deps.catalog, index);
  }
  return index.get(id) ?? state.customIntegrations.find((e) => e.id === id);
}
