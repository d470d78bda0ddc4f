/**
 * A state holding every kind of record the bot keeps, and its audit history, for tests that move
 * data between stores (copy-data). As much as practical comes through the public commands; the rest
 * (what only a platform, a clock pass or a delivery worker makes) is added directly, and
 * `emptyFieldsOf` names any top-level field left empty, so a field added to State later must be
 * filled here too.
 */
import type { AuditEntry } from '../../src/application/ports/audit-log.js';
import { State } from '../../src/domain/state.js';
import { aNotice } from '../adapters/storage/builders.js';
import { aCore, person } from '../fakes/core.js';

const at = '2026-11-22T10:42:00.000Z';

/** The top-level fields of `state` that hold nothing (an empty record or list, or a blank singleton). */
export function emptyFieldsOf(state: State): string[] {
  return Object.keys(State.shape).filter((key) => {
    const value: unknown = state[key as keyof State];
    if (Array.isArray(value)) return value.length === 0;
    if (key === 'provider') return state.provider.pending === null || state.provider.setBy === null;
    if (key === 'counters') return state.counters.request === 0 || state.counters.notice === 0;
    if (key === 'auditQueue') return state.auditQueue.pending.length === 0;
    if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
    return value === undefined;
  });
}

async function throughCommands() {
  const core = await aCore();
  const { say, admin } = core;
  const [alice, bob, carol] = [person('alice'), person('bob'), person('carol')];
  const adminRoom = { conversationId: 'console:#admins', kind: 'channel' as const };
  await say(admin, 'notify here', adminRoom);
  await say(admin, 'group create Sales');
  await say(admin, 'group Sales add console:alice');
  await say(admin, 'group Sales admin console:bob');
  await say(admin, 'integration add Acme Wiki link wiki.acme.example');
  await say(admin, 'set provider google-chat');
  await say(admin, 'set provider teams');
  await say(alice, 'request jira because tickets');
  await say(bob, 'request jira because me too');
  await say(alice, 'request zoom because calls');
  await say(carol, 'request salesforce because leads');
  await say(admin, 'approve zoom, salesforce for all');
  await say(alice, 'request box because files');
  await say(admin, 'deny box because we use Dropbox');
  await say(carol, 'request quip because docs');
  await say(admin, 'block quip because data leaves the EU');
  await say(bob, 'request bluejeans anyway because webinars');
  await say(admin, 'enable surveymonkey for Sales for 30 days');
  await say(admin, 'enable dropbox for all');
  return core;
}

/** Fills, directly, what no command reaches on its own. */
function addTheRest(state: State) {
  const asana = Object.values(state.requests).find((r) => r.integrationId === 'bluejeans');
  if (asana) {
    asana.state = 'expired';
    asana.expiredAt = at;
    delete state.openRequests.bluejeans;
  }
  state.offeredReasons['console:alice|box|dropbox'] = { reason: 'files', at };
  state.addresses['teams:conv-1'] = {
    id: 'teams:conv-1',
    data: { serviceUrl: 'https://smba.example' },
    updatedAt: at,
  };
  state.postedCards['request:r-1'] = [{ target: 'console:#admins', messageId: 'm-1' }];
  state.outbox.push(
    aNotice('n-sent', { state: 'sent', attempts: 1, cardKey: 'request:r-1' }),
    aNotice('n-given-up', { state: 'given-up', attempts: 5, lastError: 'channel_not_found' }),
  );
  state.deliveryClaims['slack:C1'] = { by: 'worker-1', until: '2026-11-22T10:43:00.000Z' };
  state.sentKeys['deadline:2027-02-01:attention'] = at;
  state.seenEvents['slack:Ev1'] = at;
  state.usedNonces['nonce-1'] = at;
  state.countdowns['deadline:2027-02-01:attention'] = {
    kind: 'deadline',
    variant: 'attention',
    integrationIds: ['surveymonkey'],
    createdAt: at,
    refreshedOn: '2026-11-22',
  };
  state.countdowns['timebox:surveymonkey:2026-12-22'] = {
    kind: 'time-box',
    integrationId: 'surveymonkey',
    endsAt: '2026-12-22T23:59:59.999Z',
    createdAt: at,
    refreshedOn: '2026-11-22',
  };
  state.connections.dropbox = { sealedToken: 'sealed:abc', connectedAt: at, connectedBy: 'console:admin' };
  const seq = state.auditQueue.seq + 1;
  state.auditQueue = {
    seq,
    pending: [
      { seq, at, actor: 'console:admin', action: 'note', integrationId: null, details: 'not yet in the log' },
    ],
  };
}

/** A state with every kind of record, and the audit history that goes with it. */
export async function aFullState(): Promise<{ state: State; audit: AuditEntry[] }> {
  const core = await throughCommands();
  await core.store.update(addTheRest);
  const audit: AuditEntry[] = [];
  for await (const entry of core.audit.read()) audit.push(entry);
  return { state: structuredClone(core.store.read()) as State, audit };
}
