/**
 * Fills a store through the bot's public surface, as a workspace would: signed Slack requests
 * from distinct members and an admin, sent over HTTP to the running bot by the load driver, in
 * parallel, and bounded in time. What it reached is read back from the store (the data
 * directory's files, or the database's tables through `countAudit`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Driver } from '../../channels/support/driver-client.js';
import type { Op } from '../../channels/support/protocol.js';

export const ADMIN = 'UADMIN';
/** The shipped catalog's integrations, as members name them. */
export const INTEGRATIONS = [
  'jira',
  'dropbox',
  'sharepoint',
  'google drive',
  'quip',
  'salesforce',
  'zoom',
  'bluejeans',
  'surveymonkey',
  'box',
];
const GROUPS = 20;
/** An admin decides an integration's open request after about this many members asked. */
const DECIDE_EVERY = 40;
const IN_FLIGHT = 32;
const CHUNK = 2_000;

export interface FillTarget {
  members: number;
  auditEntries: number;
  timeLimitMs: number;
}

export interface Filled {
  ms: number;
  members: number;
  requests: number;
  requestRecords: number;
  auditEntries: number;
  complete: boolean;
}

export const member = (i: number) => `UM${i.toString(36).toUpperCase()}`;
const admin = (base: string, text: string): Op => ({ base, channel: 'slack-command', user: ADMIN, text });

/**
 * Member i asks for an integration in a direct message; every DECIDE_EVERY askers, an admin denies
 * the open request of the next integration in turn. (Denying the last asker's integration would
 * always decide the same one, since DECIDE_EVERY is a multiple of the catalog's size: the nine
 * others would pile up a thousand requesters each, which no workspace's requests look like.)
 */
function requestOps(base: string, from: number, to: number): Op[] {
  const ops: Op[] = [];
  for (let i = from; i < to; i++) {
    const name = INTEGRATIONS[i % INTEGRATIONS.length] as string;
    ops.push({
      base,
      channel: 'slack-dm',
      user: member(i),
      text: `request ${name} because team ${i % 97} needs it`,
    });
    if (i % DECIDE_EVERY === DECIDE_EVERY - 1) {
      const decided = INTEGRATIONS[Math.floor(i / DECIDE_EVERY) % INTEGRATIONS.length] as string;
      ops.push(admin(base, `deny ${decided} because not this quarter`));
    }
  }
  return ops;
}

/** Group changes by the admin: member i into a group, then out and back in, one audit entry each. */
function groupOps(base: string, from: number, to: number, members: number): Op[] {
  return Array.from({ length: to - from }, (_, k) => {
    const n = from + k;
    const who = member(n % members);
    const verb = Math.floor(n / members) % 2 === 0 ? 'add' : 'remove';
    return admin(base, `group g${(n % members) % GROUPS} ${verb} slack:${who}`);
  });
}

const countLines = (file: string) => {
  try {
    const data = readFileSync(file);
    let lines = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) lines++;
    return lines;
  } catch {
    return 0;
  }
};

/** Sends the fill to the bot at `base` whose data directory is `dataDir`; stops at the time limit. */
export async function fillThroughHttp(input: {
  driver: Driver;
  base: string;
  dataDir: string;
  /** Counts the audit entries when they are not in `dataDir`'s audit.jsonl (PostgreSQL). */
  countAudit?: () => Promise<number>;
  target: FillTarget;
  /** Called after each chunk with what the fill reached so far (to watch the rate as data grows). */
  onChunk?: (reached: { phase: 'requests' | 'groups'; done: number; ms: number }) => void;
}): Promise<Omit<Filled, 'requestRecords'>> {
  const { driver, base, target } = input;
  const started = performance.now();
  const late = () => performance.now() - started > target.timeLimitMs;
  const setup = [
    admin(base, 'notify here'),
    ...Array.from({ length: GROUPS }, (_, g) => admin(base, `group create g${g}`)),
  ];
  await driver.sequential(setup);
  let members = 0;
  while (members < target.members && !late()) {
    const to = Math.min(target.members, members + CHUNK);
    await driver.concurrent(requestOps(base, members, to), IN_FLIGHT);
    members = to;
    input.onChunk?.({ phase: 'requests', done: members, ms: performance.now() - started });
  }
  const auditFile = join(input.dataDir, 'audit.jsonl');
  const countAudit = input.countAudit ?? (async () => countLines(auditFile));
  let groupChanges = 0;
  while (!late()) {
    const missing = target.auditEntries - (await countAudit());
    if (missing <= 0) break;
    const count = Math.min(CHUNK, missing);
    await driver.concurrent(
      groupOps(base, groupChanges, groupChanges + count, Math.max(1, members)),
      IN_FLIGHT,
    );
    groupChanges += count;
    input.onChunk?.({ phase: 'groups', done: groupChanges, ms: performance.now() - started });
  }
  const auditEntries = await countAudit();
  return {
    ms: performance.now() - started,
    members,
    requests: members,
    auditEntries,
    complete: members >= target.members && auditEntries >= target.auditEntries,
  };
}
