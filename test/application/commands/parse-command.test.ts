import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LENGTH, parseCommand } from '../../../src/application/commands/parse-command.js';

const ok = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
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
    expect(ok('keep zoom')).toEqual({ name: 'keep', integration: 'zoom' });
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
    });
    expect(ok('request dropbox')).toEqual({ name: 'request', integration: 'dropbox', reason: null });
  });

  it('reads approve scopes: requesters by default, all, or a list of groups', () => {
    expect(ok('approve jira')).toMatchObject({ scope: { kind: 'requesters' } });
    expect(ok('approve jira for all')).toMatchObject({ scope: { kind: 'all' } });
    expect(ok('approve google drive for Sales, Eng and Ops')).toEqual({
      name: 'approve',
      integration: 'google drive',
      scope: { kind: 'groups', groups: ['Sales', 'Eng', 'Ops'] },
    });
  });

  it('requires a reason to deny, and a scope to enable', () => {
    const deny = parseCommand('deny jira');
    expect(deny.ok).toBe(false);
    if (!deny.ok) expect(deny.message).toMatch(/reason is required/);
    expect(ok('deny jira because we use Linear')).toEqual({
      name: 'deny',
      integration: 'jira',
      reason: 'we use Linear',
    });
    expect(parseCommand('enable jira').ok).toBe(false);
    expect(ok('enable jira for all')).toMatchObject({ scope: { kind: 'all' } });
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
      expect(result.correctedFrom).toContain('approve');
    }
  });

  it('answers an unknown command with the nearest ones', () => {
    const result = parseCommand('deadlnes please');
    expect(result.ok).toBe(true); // one typo away from "deadlines"
    const unknown = parseCommand('grp');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.suggestions.some((s) => s.startsWith('group'))).toBe(true);
    const nonsense = parseCommand('xyzzy');
    expect(nonsense.ok).toBe(false);
    if (!nonsense.ok) expect(nonsense.message).toContain('xyzzy');
  });

  it('refuses empty and over-long input with a sentence', () => {
    const empty = parseCommand('   ');
    expect(empty.ok).toBe(false);
    const long = parseCommand(`request jira because ${'x'.repeat(MAX_COMMAND_LENGTH)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toMatch(/too long/);
  });

  it('asks which integration when a name is missing', () => {
    for (const text of ['request', 'approve', 'permissions', 'disable', 'keep']) {
      const result = parseCommand(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/Which integration/);
    }
  });
});
