import fc from 'fast-check';
import type { Actor, Origin } from '../../../../src/application/engine.js';
import { VERBS } from '../../../../src/application/views/view.js';
import type { State } from '../../../../src/domain/state.js';
import { groupNames, integrationNames } from './commands.js';
import type { SetupStep } from './fuzz-server.js';
import { nastyString } from './mutate.js';

/**
 * What admins set up before the member is let loose, so every admin-owned part has something to
 * lose: two groups, installs, a custom integration, a provider, an admin channel, an open request
 * and a decided one.
 */
export function baselineScript(input: {
  admin: Actor;
  member: Actor;
  other: string;
  adminChannel: Origin;
}): SetupStep[] {
  const { admin, member } = input;
  const dm = (a: Actor): Origin => ({ conversationId: a.id, kind: 'personal' });
  const asAdmin = (text: string): SetupStep => ({ actor: admin, origin: dm(admin), text });
  return [
    asAdmin('group create Sales'),
    asAdmin('group create Engineering'),
    asAdmin(`group Sales add ${member.id}`),
    asAdmin(`group Engineering add ${input.other}`),
    asAdmin('enable zoom for all'),
    asAdmin('enable box for Sales'),
    asAdmin('integration add Acme Wiki link wiki.acme.test'),
    asAdmin('set provider hangouts'),
    { actor: admin, origin: input.adminChannel, text: 'notify here' },
    { actor: member, origin: dm(member), text: 'request jira because we track bugs' },
    // Box (file storage) is on for the member's group: without "anyway" Dropbox would be offered it instead.
    { actor: member, origin: dm(member), text: 'request dropbox anyway' },
    asAdmin('deny dropbox because not now'),
    asAdmin('block quip because we write in SharePoint'),
  ];
}

/** Fails setting up when the baseline lacks a part the admin-owned comparison relies on. */
export function assertBaseline(state: State): void {
  const requests = Object.values(state.requests).map((r) => r.state);
  const checks = [
    Object.keys(state.groups).length === 2,
    Object.keys(state.installs).length >= 2,
    state.customIntegrations.length === 1,
    state.provider.current !== 'none',
    Object.keys(state.adminChannels).length === 1,
    requests.includes('open') && requests.includes('denied'),
    Object.keys(state.blocked).length === 1,
  ];
  if (checks.includes(false)) throw new Error(`the fuzz baseline is incomplete: ${JSON.stringify(state)}`);
}

/** Card action data as a forger would write it: real ids of the baseline, wrong ids and junk. */
export function forgedAction(state: State) {
  const requestIds = Object.keys(state.requests);
  const groupIds = Object.keys(state.groups);
  const id = (known: string[]) => fc.oneof(fc.constantFrom(...known), nastyString);
  const data = fc.record(
    {
      requestId: id([...requestIds, 'req-999', '']),
      integrationId: fc.oneof(integrationNames, fc.constantFrom('acme-wiki', 'zoom', 'box')),
      scope: fc.constantFrom('requesters', 'all', 'groups', 'everyone', ''),
      groupId: id([...groupIds, 'nobody']),
      groups: fc.oneof(id(groupIds), groupNames),
    },
    { requiredKeys: [] },
  );
  const verb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.values(VERBS)) },
    fc.string({ maxLength: 20 }),
  );
  return fc.record({ verb, data });
}
