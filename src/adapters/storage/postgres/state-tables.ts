/**
 * Where each top-level field of State lives in PostgreSQL (migrations/postgres/0002_state_tables.sql):
 * a keyed collection is a table of `(key, doc)` rows, a list of records with an `id` is a table
 * of `(id, position, doc)` rows, and any other field (provider, counters, auditQueue,
 * schemaVersion, and a field added later without a table of its own) is a row of `singletons`.
 */
import type { State } from '../../../domain/state.js';

/** The tables of keyed collections (`Record<string, …>` fields of State). */
export const KEYED_TABLES = {
  people: 'people',
  groups: 'groups',
  requests: 'requests',
  openRequests: 'open_requests',
  personRequests: 'person_requests',
  installs: 'installs',
  blocked: 'blocked',
  offeredReasons: 'offered_reasons',
  connections: 'connections',
  adminChannels: 'admin_channels',
  addresses: 'addresses',
  postedCards: 'posted_cards',
  deliveryClaims: 'delivery_claims',
  countdowns: 'countdowns',
  sentKeys: 'sent_keys',
  seenEvents: 'seen_events',
  usedNonces: 'used_nonces',
} as const satisfies Partial<Record<keyof State, string>>;

/** The tables of lists of records, each record with a unique string `id`, kept in order. */
export const LIST_TABLES = {
  outbox: 'outbox',
  customIntegrations: 'custom_integrations',
} as const satisfies Partial<Record<keyof State, string>>;

export type Kind = 'keyed' | 'list' | 'singleton';

/** How the top-level field `top` is stored, and in which table. */
export function placeOf(top: string): { kind: Kind; table: string } {
  if (Object.hasOwn(KEYED_TABLES, top))
    return { kind: 'keyed', table: KEYED_TABLES[top as keyof typeof KEYED_TABLES] };
  if (Object.hasOwn(LIST_TABLES, top))
    return { kind: 'list', table: LIST_TABLES[top as keyof typeof LIST_TABLES] };
  return { kind: 'singleton', table: 'singletons' };
}
