import fc from 'fast-check';
import { nastyString } from './mutate.js';

/** Ids of the shipped catalog, the custom integration of the baseline, and names that are none. */
export const integrationNames = fc.oneof(
  fc.constantFrom(
    'jira',
    'Jira',
    'JIRA software',
    'dropbox',
    'zoom',
    'box',
    'surveymonkey',
    'salesforce',
    'acme wiki',
    'acme-wiki',
    'jria',
    'all',
  ),
  nastyString,
);

export const groupNames = fc.oneof(
  fc.constantFrom('Sales', 'sales', 'Engineering', 'all', 'Nobody'),
  nastyString,
);

/** Every command of docs/commands.md with fuzzed arguments, typos and aliases, and text that is no command. */
export function commandText(people: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const i = integrationNames;
  const g = groupNames;
  const reason = nastyString;
  const templates: fc.Arbitrary<string>[] = [
    fc.constantFrom(
      'help',
      '?',
      'provider',
      'integrations',
      'directory',
      'my requests',
      'requests',
      'report',
      'export',
      'deadlines',
      'digest',
      'notices',
      'changes',
      'notify here',
      'admins',
      'groups',
      'blocked',
      '1',
      '0',
      '99999999999999999999',
    ),
    fc.constantFrom('skype', 'hangouts', 'none', 'teams', '').map((p) => `set provider ${p}`),
    i.map((n) => `permissions ${n}`),
    fc
      .tuple(i, fc.option(reason))
      .map(([n, r]) => (r === null ? `request ${n}` : `request ${n} because ${r}`)),
    fc
      .tuple(i, fc.option(reason))
      .map(([n, r]) => (r === null ? `request ${n} anyway` : `request ${n} anyway because ${r}`)),
    fc.tuple(i, fc.option(reason)).map(([n, r]) => (r === null ? `block ${n}` : `block ${n} because ${r}`)),
    i.map((n) => `unblock ${n}`),
    fc
      .tuple(i, fc.option(fc.array(g, { maxLength: 3 })))
      .map(([n, gs]) => (gs === null ? `approve ${n}` : `approve ${n} for ${gs.join(', ')}`)),
    fc.tuple(fc.constantFrom('deny', 'reject'), i, reason).map(([v, n, r]) => `${v} ${n} because ${r}`),
    fc
      .tuple(fc.array(i, { minLength: 2, maxLength: 30 }), fc.option(fc.array(g, { maxLength: 3 })))
      .map(([ns, gs]) => `approve ${ns.join(', ')}${gs === null ? '' : ` for ${gs.join(', ')}`}`),
    fc
      .tuple(fc.array(i, { minLength: 2, maxLength: 30 }), reason)
      .map(([ns, r]) => `deny ${ns.join(', ')} because ${r}`),
    fc.tuple(i, g).map(([n, grp]) => `enable ${n} for ${grp}`),
    i.map((n) => `enable ${n} for all`),
    fc
      .tuple(i, fc.integer({ min: -5, max: 4000 }), fc.constantFrom('day', 'days', 'weeks', 'years'))
      .map(([n, d, unit]) => `enable ${n} for all for ${d} ${unit}`),
    fc
      .tuple(i, fc.constantFrom('2027-03-31', '2020-01-01', '2027-02-30', 'soon', ''))
      .map(([n, date]) => `approve ${n} for all until ${date}`),
    fc
      .tuple(i, fc.integer({ min: -5, max: 4000 }), fc.constantFrom('2027-06-30', 'never'))
      .map(([n, d, date]) => (d % 2 ? `extend ${n} by ${d} days` : `extend ${n} until ${date}`)),
    i.map((n) => `disable ${n}`),
    fc.tuple(i, fc.option(g)).map(([n, grp]) => (grp === null ? `remove ${n}` : `remove ${n} from ${grp}`)),
    i.map((n) => `export ${n}`),
    i.map((n) => `keep ${n}`),
    fc.tuple(fc.constantFrom('connect', 'disconnect'), i).map(([v, n]) => `${v} ${n}`),
    fc
      .tuple(nastyString, fc.option(nastyString))
      .map(([n, host]) => (host === null ? `integration add ${n}` : `integration add ${n} link ${host}`)),
    fc.tuple(fc.constantFrom('add', 'remove'), people).map(([v, p]) => `admin ${v} ${p}`),
    g.map((n) => `group create ${n}`),
    fc.tuple(g, fc.constantFrom('add', 'remove', 'admin'), people).map(([n, v, p]) => `group ${n} ${v} ${p}`),
  ];
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...templates) },
    { weight: 1, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(...templates), nastyString).map(([t, s]) => `${t}${s}`) },
    { weight: 1, arbitrary: fc.oneof(...templates).map((t) => t.toUpperCase().replace(/E/, '3')) },
  );
}
