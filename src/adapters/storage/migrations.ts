import { CURRENT_SCHEMA_VERSION, emptyState } from '../../domain/state.js';

/** A raw, not yet validated data file. */
export type RawState = Record<string, unknown>;

/** Turns a file of schema version N into one of version N + 1; `now` fills dates the old layout lacked. */
export type Migration = (raw: RawState, context: { now: Date }) => RawState;

const isRecord = (value: unknown): value is RawState =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const keyedBy = (items: unknown, key: string): unknown => {
  if (!Array.isArray(items)) return items;
  return Object.fromEntries(items.map((item) => [isRecord(item) ? String(item[key]) : '', item]));
};

/**
 * Version 0 is the first layout, written without `schemaVersion`: system admins as an `admins`
 * list of person ids, the provider as a bare id, requests and installs as arrays, and none of
 * the collections added since (addresses, posted cards, outbox, sent keys, seen events, counters).
 */
const fromVersion0: Migration = (raw, { now }) => {
  const { admins, ...rest } = raw;
  const people: RawState = isRecord(rest.people) ? { ...rest.people } : {};
  for (const id of Array.isArray(admins) ? admins : []) {
    if (typeof id === 'string' && !(id in people)) {
      people[id] = { id, name: null, role: 'system-admin', since: now.toISOString() };
    }
  }
  const requests = keyedBy(rest.requests ?? [], 'id');
  const provider =
    typeof rest.provider === 'string'
      ? { current: rest.provider, setBy: null, setAt: null, consent: null, pending: null }
      : rest.provider;
  const counters = rest.counters ?? {
    request: isRecord(requests) ? Object.keys(requests).length : 0,
    notice: 0,
  };
  return {
    ...structuredClone(emptyState()),
    ...rest,
    schemaVersion: 1,
    people,
    provider: provider ?? structuredClone(emptyState().provider),
    requests,
    installs: keyedBy(rest.installs ?? [], 'integrationId'),
    counters,
  };
};

/** Version 2 adds the request indexes: each integration's open request and each person's requests. */
const fromVersion1: Migration = (raw) => {
  const openRequests: Record<string, string> = {};
  const personRequests: Record<string, string[]> = {};
  for (const request of Object.values(isRecord(raw.requests) ? raw.requests : {})) {
    if (!isRecord(request) || typeof request.id !== 'string') continue;
    if (request.state === 'open' && typeof request.integrationId === 'string') {
      openRequests[request.integrationId] = request.id;
    }
    for (const requester of Array.isArray(request.requesters) ? request.requesters : []) {
      const personId = isRecord(requester) ? requester.personId : undefined;
      if (typeof personId === 'string')
        personRequests[personId] = [...(personRequests[personId] ?? []), request.id];
    }
  }
  return { ...raw, schemaVersion: 2, openRequests, personRequests };
};

/** Migrations keyed by the schema version they upgrade from; one per version below the current one. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 0: fromVersion0, 1: fromVersion1 };

/** Applies every migration from `version` up to CURRENT_SCHEMA_VERSION, in order. */
export function migrate(raw: RawState, version: number, context: { now: Date }): RawState {
  let current = raw;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from schema version ${v}`);
    current = step(current, context);
  }
  return current;
}
