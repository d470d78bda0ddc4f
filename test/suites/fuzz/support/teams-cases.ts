import fc from 'fast-check';
import type { State } from '../../../../src/domain/state.js';
import {
  BOB,
  cardButtonInvoke,
  executeInvoke,
  installActivity,
  messageActivity,
  queryLinkInvoke,
  type Scope,
} from '../../../adapters/teams/activities.js';
import { forgedAction } from './baseline.js';
import { commandText } from './commands.js';
import { mutated, nastyString } from './mutate.js';

/** Ada is the Teams admin: any of her ids in a fuzzed activity becomes Bob's, the member. */
export const TEAMS_ADMIN_IDS = /6a1d7c2e-0000-4000-8000-00000000ada1|29:1ada-bf-id/gi;

const scopes = fc.constantFrom<Scope>('personal', 'channel', 'groupChat');
const people = fc.oneof(
  fc.constantFrom('@Bob', '@Ada Lovelace', 'teams:6a1d7c2e-0000-4000-8000-00000000b0b1'),
  nastyString,
);
const OTHER = { id: '29:1eve-bf-id', aadObjectId: '6a1d7c2e-0000-4000-8000-0000000000e1', name: 'Eve' };

/** Bodies the connector never sends but a caller might: Teams answers JSON only (docs/product.md#safety-and-data). */
export const contentTypes = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=fuzz',
  ),
);

/** Activities from Bob (a member): messages, installs, card clicks, link unfurls and unknown invokes. */
export function activityCases(state: State, serviceUrl: string) {
  const action = forgedAction(state);
  const messages = fc.record({ text: commandText(people), scope: scopes, mention: fc.boolean() }).map((c) =>
    messageActivity({
      serviceUrl,
      from: BOB,
      scope: c.scope,
      text: c.text,
      mentions: c.mention ? [OTHER] : [],
    }),
  );
  const submits = fc
    .record({ action, inputs: fc.record({ reason: nastyString, groups: nastyString }, { requiredKeys: [] }) })
    .map((c) => ({
      ...messageActivity({ serviceUrl, from: BOB, scope: 'channel', text: '' }),
      value: { verb: c.action.verb, ...c.action.data, ...c.inputs },
    }));
  const installs = fc.record({ scope: scopes, added: fc.constantFrom('bot', 'person', 'none') }).map((c) => {
    const activity = installActivity({ serviceUrl, scope: c.scope });
    const membersAdded =
      c.added === 'bot' ? activity.membersAdded : c.added === 'person' ? [{ id: OTHER.id }] : [];
    return { ...activity, from: BOB, membersAdded };
  });
  const executes = fc
    .record({
      action,
      scope: scopes,
      trigger: fc.constantFrom('manual' as const, 'automatic' as const),
      inputs: fc.record({ reason: nastyString }, { requiredKeys: [] }),
    })
    .map((c) =>
      executeInvoke({
        serviceUrl,
        from: BOB,
        scope: c.scope,
        verb: c.action.verb,
        data: { ...c.action.data, ...c.inputs },
        trigger: c.trigger,
      }),
    );
  const links = fc
    .record({
      url: fc.oneof(
        fc.constantFrom('https://acme.atlassian.net/browse/OPS-1', 'https://wiki.acme.test/x', 'not a url'),
        fc.webUrl(),
      ),
      anonymous: fc.boolean(),
    })
    .map((c) => queryLinkInvoke({ serviceUrl, url: c.url, anonymous: c.anonymous, from: BOB }));
  const buttons = action.map((a) =>
    cardButtonInvoke({ serviceUrl, from: BOB, data: { verb: a.verb, ...a.data } }),
  );
  const unknownInvokes = fc
    .record({
      name: fc.oneof(
        fc.constantFrom(
          'signin/verifyState',
          'task/fetch',
          'composeExtension/query',
          'actionableMessage/executeAction',
        ),
        nastyString,
      ),
      value: fc.jsonValue({ maxDepth: 2 }),
    })
    .map((c) => ({
      ...messageActivity({ serviceUrl, from: BOB, scope: 'personal', text: '' }),
      type: 'invoke',
      name: c.name,
      value: c.value,
    }));
  return fc.record({
    activity: mutated(fc.oneof(messages, submits, installs, executes, links, buttons, unknownInvokes)),
    contentType: contentTypes,
  });
}
