import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry } from '../../../src/application/ports/audit-log.js';
import {
  emptyState,
  type IntegrationRequest,
  type State,
  State as StateSchema,
} from '../../../src/domain/state.js';

/** Integrations the seeded history covers; the measured mix requests others (jira, zoom). */
const DECIDED = [
  'dropbox',
  'sharepoint',
  'google-drive',
  'box',
  'salesforce',
  'quip',
  'bluejeans',
  'surveymonkey',
];
/** Integrations with a request still open in the seed (one open request per integration). */
const OPEN = ['quip', 'salesforce', 'bluejeans', 'surveymonkey'];
const PEOPLE = 5_000;
const SEEN_EVENTS = 5_000;
const DAY = 86_400_000;

const at = (ms: number) => new Date(Date.UTC(2023, 0, 1) + ms).toISOString();
const person = (i: number) => (i % 2 ? `slack:U${String(i).padStart(6, '0')}SEED` : `teams:seed-${i}`);

function request(i: number, integrationId: string, open: boolean): IntegrationRequest {
  const requesters = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    personId: person((i * 7 + k * 13) % PEOPLE),
    reason: k === 0 ? `We need ${integrationId} for project ${i}` : null,
    at: at(i * 60_000 + k),
  }));
  const denied = i % 4 !== 0;
  return {
    id: `r${i}`,
    integrationId,
    state: open ? 'open' : denied ? 'denied' : 'approved',
    requesters,
    createdAt: at(i * 60_000),
    decision: open
      ? null
      : {
          by: 'slack:UADMIN',
          at: at(i * 60_000 + DAY),
          scope: denied ? null : { kind: 'groups', groups: [`g${i % 50}`] },
          reason: denied ? 'Not now' : null,
        },
  };
}

/** A state with `requests` requests (history of decided ones, a few open), 5,000 people, 50 groups. */
export function seededState(input: { requests: number }): State {
  const state = emptyState();
  for (let i = 0; i < PEOPLE; i++)
    state.people[person(i)] = { id: person(i), name: `Person ${i}`, role: 'member', since: at(i) };
  state.people['slack:UADMIN'] = { id: 'slack:UADMIN', name: 'Admin', role: 'system-admin', since: at(0) };
  for (let g = 0; g < 50; g++) {
    const members = Array.from({ length: 40 }, (_, k) => person((g * 97 + k) % PEOPLE));
    state.groups[`g${g}`] = {
      id: `g${g}`,
      name: `Group ${g}`,
      members,
      admins: [],
      createdAt: at(g),
      createdBy: 'slack:UADMIN',
    };
  }
  for (let i = 1; i <= input.requests; i++) {
    const openIndex = input.requests - i;
    const open = openIndex < OPEN.length;
    const integrationId = open ? (OPEN[openIndex] as string) : (DECIDED[i % DECIDED.length] as string);
    state.requests[`r${i}`] = request(i, integrationId, open);
    state.postedCards[`request:r${i}`] = [
      { target: 'slack:CADMINS', messageId: `${1_600_000_000 + i}.000100` },
    ];
  }
  state.counters.request = input.requests;
  state.adminChannels['slack:CADMINS'] = {
    id: 'slack:CADMINS',
    name: 'admins',
    active: true,
    addedBy: 'slack:UADMIN',
    addedAt: at(0),
    inactiveReason: null,
  };
  for (let e = 0; e < SEEN_EVENTS; e++) state.seenEvents[`slack:EvSEED${e}`] = at(e * 1000);
  return state;
}

/** One audit line per `at`, shaped as the use cases write them. */
function auditLine(i: number): string {
  const integrationId = DECIDED[i % DECIDED.length] as string;
  const entry: AuditEntry = {
    at: at(i * 30_000),
    actor: person(i % PEOPLE),
    action: i % 3 ? 'request-joined' : 'request-filed',
    integrationId,
    details: `r${(i % 10_000) + 1} (${1 + (i % 3)} requesters)`,
  };
  return `${JSON.stringify(entry)}\n`;
}

/** Writes `state.json` and `audit.jsonl` into an empty data directory; both are checked against their schemas. */
export function seedDataDir(input: { dataDir: string; requests: number; auditEntries: number }): void {
  const state = seededState({ requests: input.requests });
  const checked = StateSchema.safeParse(state);
  if (!checked.success) throw new Error(`seeded state is invalid: ${checked.error.issues[0]?.message}`);
  writeFileSync(join(input.dataDir, 'state.json'), JSON.stringify(checked.data));
  const lines: string[] = [];
  for (let i = 0; i < input.auditEntries; i++) lines.push(auditLine(i));
  if (!AuditEntry.safeParse(JSON.parse(lines[0] ?? '{}')).success)
    throw new Error('seeded audit entry is invalid');
  writeFileSync(join(input.dataDir, 'audit.jsonl'), lines.join(''));
}
