import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LENGTH, parseCommand } from '../../../src/application/commands/parse-command.js';
import { MAX_ID_LENGTH } from '../../../src/domain/limits.js';

const ok = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.command;
};

describe('parseCommand', () => {
  it('reads every command of the grammar', () => {
    expect(ok('help')).toEqual({ name: 'help' });
    expect(ok('provider')).toEqual({ name: 'provider' });
    expect(ok('set provider skype')).toEqual({ name: 'setProvider', provider: 'skype', onPremises: false });
    expect(ok('integrations')).toEqual({ name: 'directory' });
    expect(ok('permissions google drive')).toEqual({ name: 'permissions', integration: 'google drive' });
    expect(ok('requests')).toEqual({ name: 'requests' });
    expect(ok('my requests')).toEqual({ name: 'myRequests' });
    expect(ok('disable jira')).toEqual({ name: 'disable', integration: 'jira' });
    expect(ok('report')).toEqual({ name: 'report' });
    expect(ok('export')).toEqual({ name: 'export', integration: null });
    expect(ok('export jira')).toEqual({ name: 'export', integration: 'jira' });
    expect(ok('deadlines')).toEqual({ name: 'deadlines' });
    expect(ok('digest')).toEqual({ name: 'digest' });
    expect(ok('DIGEST')).toEqual({ name: 'digest' });
    expect(ok('changes')).toEqual({ name: 'permissionChanges' });
    expect(ok('Changes')).toEqual({ name: 'permissionChanges' });
    expect(ok('set provider Google-Chat')).toEqual({
      name: 'setProvider',
      provider: 'google-chat',
      onPremises: false,
    });
    expect(ok('keep zoom')).toEqual({ name: 'keep', integration: 'zoom' });
    expect(ok('connect jira')).toEqual({ name: 'connect', integration: 'jira' });
    expect(ok('DISCONNECT Google Drive')).toEqual({ name: 'disconnect', integration: 'Google Drive' });
    expect(ok('notify here')).toEqual({ name: 'notifyHere' });
    expect(ok('admins')).toEqual({ name: 'admins' });
    expect(ok('groups')).toEqual({ name: 'groups' });
    expect(ok('group create Sales Team')).toEqual({ name: 'groupCreate', group: 'Sales Team' });
  });

  it('keeps the reason of a request as typed, and allows none', () => {
    expect(ok('request Jira because we track bugs there')).toEqual({
      name: 'request',
      integration: 'Jira',
      reason: 'we track bugs there',
      anyway: false,
    });
    expect(ok('request dropbox')).toEqual({
      name: 'request',
      integration: 'dropbox',
      reason: null,
      anyway: false,
    });
  });

  it('reads "anyway" after the name of a request, never inside its reason', () => {
    expect(ok('request box anyway because clients send Box links')).toEqual({
      name: 'request',
      integration: 'box',
      reason: 'clients send Box links',
      anyway: true,
    });
    expect(ok('request Google Drive ANYWAY')).toEqual({
      name: 'request',
      integration: 'Google Drive',
      reason: null,
      anyway: true,
    });
    expect(ok('request box because we need it anyway')).toEqual({
      name: 'request',
      integration: 'box',
      reason: 'we need it anyway',
      anyway: false,
    });
    expect(parseCommand('request anyway')).toEqual({
      ok: false,
      reason: 'missing-integration',
      command: 'request',
      usage: ['request <name> [anyway] [because <reason>]'],
    });
  });

  it('reads block with its required reason, unblock and blocked', () => {
    expect(ok('block box because we keep files in Dropbox')).toEqual({
      name: 'block',
      integration: 'box',
      reason: 'we keep files in Dropbox',
    });
    expect(ok('BLOCK Google Drive because  no')).toEqual({
      name: 'block',
      integration: 'Google Drive',
      reason: 'no',
    });
    expect(ok('unblock box')).toEqual({ name: 'unblock', integration: 'box' });
    expect(ok('blocked')).toEqual({ name: 'blocked' });
    expect(parseCommand('block box')).toEqual({
      ok: false,
      reason: 'reason-required',
      command: 'block',
      integration: 'box',
      usage: ['block <name> because <reason>'],
    });
    expect(parseCommand('block box because')).toMatchObject({ reason: 'reason-required', command: 'block' });
    expect(parseCommand('block')).toMatchObject({ reason: 'reason-required', integration: null });
    expect(parseCommand('block because spam')).toEqual({
      ok: false,
      reason: 'missing-integration',
      command: 'block',
      usage: ['block <name> because <reason>'],
    });
    expect(parseCommand('unblock')).toEqual({
      ok: false,
      reason: 'missing-integration',
      command: 'unblock',
      usage: ['unblock <name>'],
    });
  });

  it('reads approve scopes: requesters by default, all, or a list of groups', () => {
    expect(ok('approve jira')).toMatchObject({ scope: { kind: 'requesters' } });
    expect(ok('approve jira for all')).toMatchObject({ scope: { kind: 'all' } });
    expect(ok('approve google drive for Sales, Eng and Ops')).toEqual({
      name: 'approve',
      integration: 'google drive',
      scope: { kind: 'groups', groups: ['Sales', 'Eng', 'Ops'] },
      ends: null,
    });
  });

  it('requires a reason to deny, and a scope to enable', () => {
    expect(parseCommand('deny jira')).toEqual({
      ok: false,
      reason: 'reason-required',
      command: 'deny',
      integration: 'jira',
      usage: ['deny <name> because <reason>', 'deny <name>, <name>… because <reason>'],
    });
    expect(parseCommand('deny')).toMatchObject({ reason: 'reason-required', integration: null });
    expect(ok('deny jira because we use Linear')).toEqual({
      name: 'deny',
      integration: 'jira',
      reason: 'we use Linear',
    });
    expect(parseCommand('enable jira')).toEqual({
      ok: false,
      reason: 'missing-scope',
      usage: ['enable <name> for all | for <group>… [for <N> days | until <YYYY-MM-DD>]'],
    });
    expect(parseCommand('approve jira for')).toMatchObject({ reason: 'missing-groups' });
    expect(ok('enable jira for all')).toMatchObject({ scope: { kind: 'all' } });
  });

  it('reads several names before "for" as one bulk approval, the groups after it as its scope', () => {
    expect(ok('approve jira, zoom')).toEqual({
      name: 'approveMany',
      integrations: ['jira', 'zoom'],
      scope: { kind: 'requesters' },
      ends: null,
    });
    expect(ok('approve jira, google drive ,box for all')).toEqual({
      name: 'approveMany',
      integrations: ['jira', 'google drive', 'box'],
      scope: { kind: 'all' },
      ends: null,
    });
    expect(ok('approve jira, zoom for Sales, Marketing')).toEqual({
      name: 'approveMany',
      integrations: ['jira', 'zoom'],
      scope: { kind: 'groups', groups: ['Sales', 'Marketing'] },
      ends: null,
    });
    // A duration at the very end time-boxes every one of them.
    expect(ok('approve jira, zoom for Sales for 90 days')).toEqual({
      name: 'approveMany',
      integrations: ['jira', 'zoom'],
      scope: { kind: 'groups', groups: ['Sales'] },
      ends: { kind: 'days', days: 90 },
    });
    expect(ok('approve jira, zoom until 2027-01-31')).toMatchObject({
      name: 'approveMany',
      ends: { kind: 'until', date: '2027-01-31' },
    });
    expect(ok('accept jira,zoom for Sales')).toMatchObject({
      name: 'approveMany',
      integrations: ['jira', 'zoom'],
    });
  });

  it('reads several names before "because" as one bulk denial, keeping commas in the reason', () => {
    expect(ok('deny jira, zoom because we use Linear, and Meet')).toEqual({
      name: 'denyMany',
      integrations: ['jira', 'zoom'],
      reason: 'we use Linear, and Meet',
    });
    expect(ok('reject a, b, c because no')).toMatchObject({
      name: 'denyMany',
      integrations: ['a', 'b', 'c'],
    });
  });

  it('takes one name with stray commas as a single decision, and no name as missing', () => {
    expect(ok('approve jira, for all')).toEqual({
      name: 'approve',
      integration: 'jira',
      scope: { kind: 'all' },
      ends: null,
    });
    expect(ok('deny ,jira because no')).toEqual({ name: 'deny', integration: 'jira', reason: 'no' });
    expect(parseCommand('approve , ,')).toMatchObject({ ok: false, reason: 'missing-integration' });
    expect(parseCommand('deny jira, zoom')).toMatchObject({
      ok: false,
      reason: 'reason-required',
      integration: 'jira, zoom',
    });
    expect(parseCommand('approve jira, zoom for')).toMatchObject({ ok: false, reason: 'missing-groups' });
  });

  it('leaves commas alone where a command takes one name (enable keeps its groups after "for")', () => {
    expect(ok('enable jira for Sales, Eng')).toEqual({
      name: 'enable',
      integration: 'jira',
      scope: { kind: 'groups', groups: ['Sales', 'Eng'] },
      ends: null,
    });
  });

  it('reads remove with and without a group', () => {
    expect(ok('remove jira')).toEqual({ name: 'remove', integration: 'jira', group: null });
    expect(ok('remove jira from Sales')).toEqual({ name: 'remove', integration: 'jira', group: 'Sales' });
  });

  it('reads people as typed ids or names to resolve from mentions', () => {
    expect(ok('admin add console:bob')).toEqual({
      name: 'adminAdd',
      person: { kind: 'id', id: 'console:bob' },
    });
    expect(ok('admin remove @Ada')).toEqual({
      name: 'adminRemove',
      person: { kind: 'unresolved', text: 'Ada' },
    });
    expect(ok('group Sales add @Bob')).toEqual({
      name: 'groupMember',
      group: 'Sales',
      change: 'add',
      person: { kind: 'unresolved', text: 'Bob' },
    });
    expect(ok('group Sales admin slack:U123')).toEqual({
      name: 'groupAdmin',
      group: 'Sales',
      person: { kind: 'id', id: 'slack:U123' },
    });
  });

  it('ignores case and extra spaces, and knows aliases', () => {
    expect(ok('  APPROVE   Jira   FOR   ALL ')).toMatchObject({
      name: 'approve',
      integration: 'Jira',
      scope: { kind: 'all' },
    });
    expect(ok('Directory')).toEqual({ name: 'directory' });
    expect(ok('reject jira because no')).toMatchObject({ name: 'deny' });
  });

  it('forgives one small typo in a long command word and says so', () => {
    const result = parseCommand('aprove jira for all');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.command.name).toBe('approve');
      expect(result.corrected).toEqual({ from: 'aprove', to: 'approve' });
    }
    const exact = parseCommand('approve jira for all');
    expect(exact.ok && exact.corrected).toBeFalsy();
  });

  it('answers an unknown command with the nearest ones', () => {
    const result = parseCommand('deadlnes please');
    expect(result.ok).toBe(true); // one typo away from "deadlines"
    const unknown = parseCommand('grp');
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown-command', word: 'grp' });
    if (!unknown.ok && unknown.reason === 'unknown-command') {
      expect(unknown.nearest.some((s) => s.startsWith('group'))).toBe(true);
      expect(unknown.nearest.length).toBeLessThanOrEqual(4);
    }
    expect(parseCommand('xyzzy')).toMatchObject({ ok: false, reason: 'unknown-command', word: 'xyzzy' });
  });

  it('offers the one follow-up of a command word that takes only one', () => {
    expect(parseCommand('my stuff')).toEqual({ ok: false, reason: 'did-you-mean', meant: 'my requests' });
    expect(parseCommand('notify')).toEqual({ ok: false, reason: 'did-you-mean', meant: 'notify here' });
  });

  it('refuses empty and over-long input', () => {
    expect(parseCommand('   ')).toEqual({ ok: false, reason: 'empty' });
    const text = `request jira because ${'x'.repeat(MAX_COMMAND_LENGTH)}`;
    expect(parseCommand(text)).toEqual({
      ok: false,
      reason: 'command-too-long',
      length: text.length,
      max: MAX_COMMAND_LENGTH,
    });
    expect(parseCommand('x'.repeat(MAX_COMMAND_LENGTH)).ok).toBe(false);
  });

  it('refuses a typed id longer than the store keeps, naming its prefix and the limit', () => {
    expect(parseCommand(`admin add slack:${'A'.repeat(MAX_ID_LENGTH + 1)}`)).toEqual({
      ok: false,
      reason: 'id-too-long',
      prefix: 'slack:',
      max: MAX_ID_LENGTH,
    });
    expect(parseCommand(`group Sales add teams:${'B'.repeat(MAX_ID_LENGTH + 1)}`)).toMatchObject({
      reason: 'id-too-long',
      prefix: 'teams:',
    });
    expect(ok(`admin add console:${'c'.repeat(MAX_ID_LENGTH)}`)).toMatchObject({ name: 'adminAdd' });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty x'])(
    'refuses %s as an unknown command (no word reaches Object.prototype)',
    (text) => {
      expect(parseCommand(text)).toMatchObject({ ok: false, reason: 'unknown-command' });
    },
  );

  it('says what is missing from admin, group, set and integration commands, with their usage', () => {
    const admin = parseCommand('admin add');
    expect(admin).toMatchObject({ ok: false, reason: 'missing-admin-change' });
    // Only the word's own usage lines: `admins` and `groups` are other commands.
    expect(admin).toMatchObject({ usage: ['admin add|remove <person>'] });
    expect(parseCommand('group Sales')).toMatchObject({
      reason: 'missing-group-change',
      usage: ['group create <name>', 'group <name> add|remove <person>', 'group <name> admin <person>'],
    });
    expect(parseCommand('set provider')).toMatchObject({
      reason: 'missing-provider',
      usage: ['set provider skype|hangouts|teams|google-chat|none'],
    });
    expect(parseCommand('integration foo')).toMatchObject({ reason: 'integration-add-expected' });
    expect(parseCommand('integration add')).toMatchObject({ reason: 'integration-add-expected' });
  });

  it('asks which integration when a name is missing', () => {
    for (const text of ['request', 'approve', 'permissions', 'disable', 'keep', 'connect', 'disconnect']) {
      const result = parseCommand(text);
      expect(result, text).toMatchObject({ ok: false, reason: 'missing-integration', command: text });
      if (!result.ok && result.reason === 'missing-integration')
        expect(result.usage.every((u) => u.startsWith(text))).toBe(true);
    }
  });
});
