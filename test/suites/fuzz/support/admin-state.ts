import { join } from 'node:path';
import { JOURNAL_FILE_NAME, STATE_FILE_NAME } from '../../../../src/adapters/storage/index.js';
import { StateFileAdapter } from '../../../../src/adapters/storage/state-file-adapter.js';
import { systemClock } from '../../../../src/application/ports/clock.js';
import { State } from '../../../../src/domain/state.js';

type Snapshot = Readonly<State>;

/**
 * The parts of the state only an admin may change: roles (who is a system admin), groups, installs,
 * blocks, the provider, decisions on requests, custom integrations and admin channels. Members add people
 * (themselves, as members) and open requests, so those count only by their role and decision.
 */
export function adminOwned(state: Snapshot) {
  const admins = Object.values(state.people)
    .filter((p) => p.role !== 'member')
    .map((p) => `${p.id}=${p.role}`)
    .sort();
  const decisions = Object.values(state.requests)
    .filter((r) => r.state !== 'open' || r.decision !== null)
    .map((r) => ({ id: r.id, integrationId: r.integrationId, state: r.state, decision: r.decision }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    admins,
    groups: state.groups,
    installs: state.installs,
    blocked: state.blocked,
    provider: state.provider,
    decisions,
    customIntegrations: state.customIntegrations,
    adminChannels: state.adminChannels,
  };
}

/**
 * The admin-owned parts as one string, to compare every case cheaply; the baseline's is kept, since
 * a baseline is never changed in place (it is a clone, replaced whole).
 */
const fingerprints = new WeakMap<Snapshot, string>();
function fingerprint(state: Snapshot, keep: boolean): string {
  const known = keep ? fingerprints.get(state) : undefined;
  if (known !== undefined) return known;
  const text = JSON.stringify(adminOwned(state));
  if (keep) fingerprints.set(state, text);
  return text;
}

/** What changed in the admin-owned parts, part by part; empty when nothing did. */
export function adminChanges(before: Snapshot, after: Snapshot): string[] {
  if (fingerprint(before, true) === fingerprint(after, false)) return [];
  const a = adminOwned(before);
  const b = adminOwned(after);
  return (Object.keys(a) as (keyof typeof a)[]).flatMap((part) => {
    const was = JSON.stringify(a[part]);
    const now = JSON.stringify(b[part]);
    return was === now ? [] : [`${part} changed: ${was.slice(0, 800)} → ${now.slice(0, 800)}`];
  });
}

/** The first problem the state schema finds in the state as it is in memory (what the next write stores). */
export function schemaProblem(state: Snapshot): string | null {
  const parsed = State.safeParse(state);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue?.path.map(String).join('.')}: ${issue?.message}`;
}

/**
 * Loads DATA_DIR as the next start would (snapshot, journal replay, migration, schema), without
 * taking its lock: the state, or the loader's error message.
 */
export async function loadDataDir(dataDir: string): Promise<{ state: State } | { error: string }> {
  const files = { state: join(dataDir, STATE_FILE_NAME), journal: join(dataDir, JOURNAL_FILE_NAME) };
  try {
    const state = await new StateFileAdapter(files, systemClock).read();
    return state ? { state } : { error: `${dataDir} holds no state` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
