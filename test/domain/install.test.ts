import { describe, expect, it } from 'vitest';
import {
  checkGroupRemoval,
  disableInstall,
  enableInstall,
  keepInstall,
  removeFromGroup,
} from '../../src/domain/install.js';
import { emptyState, type State } from '../../src/domain/state.js';

const now = new Date('2026-11-22T10:42:00Z');

function world(): State {
  const state = emptyState();
  const person = (id: string, role: 'system-admin' | 'member') => {
    state.people[id] = { id, name: null, role, since: now.toISOString() };
  };
  person('console:admin', 'system-admin');
  person('console:gina', 'member');
  person('console:ada', 'member');
  for (const [id, admins] of [
    ['sales', ['console:gina']],
    ['eng', []],
  ] as const) {
    state.groups[id] = {
      id,
      name: id,
      members: [],
      admins: [...admins],
      createdAt: now.toISOString(),
      createdBy: 'console:admin',
    };
  }
  return state;
}

describe('removing an integration from one group', () => {
  it('is for system admins and the admins of that group only', () => {
    const state = world();
    const check = (actorId: string, groupId: string) =>
      checkGroupRemoval(state, { actorId, groupId, custom: false, plan: 'business' });
    expect(check('console:admin', 'eng')).toBeNull();
    expect(check('console:gina', 'sales')).toBeNull();
    expect(check('console:gina', 'eng')).toBe('not-group-admin');
    expect(check('console:ada', 'sales')).toBe('not-group-admin');
  });

  it('lets a group admin remove a custom integration on Enterprise only', () => {
    const state = world();
    const check = (plan: 'business' | 'enterprise') =>
      checkGroupRemoval(state, { actorId: 'console:gina', groupId: 'sales', custom: true, plan });
    expect(check('business')).toBe('plan');
    expect(check('enterprise')).toBeNull();
    expect(
      checkGroupRemoval(state, {
        actorId: 'console:admin',
        groupId: 'sales',
        custom: true,
        plan: 'business',
      }),
    ).toBeNull();
  });

  it('narrows the groups, removes the install with the last one, and leaves "all" alone', () => {
    const state = world();
    const remove = (integrationId: string, groupId: string) =>
      removeFromGroup(state, { integrationId, groupId, by: 'console:gina', now });
    enableInstall(state, {
      integrationId: 'jira',
      scope: { kind: 'groups', groups: ['sales', 'eng'] },
      by: 'x',
      now,
      permissions: [],
    });
    enableInstall(state, { integrationId: 'zoom', scope: { kind: 'all' }, by: 'x', now, permissions: [] });
    expect(remove('jira', 'sales')).toMatchObject({ removed: true, rest: ['eng'] });
    expect(state.installs.jira?.scope).toEqual({ kind: 'groups', groups: ['eng'] });
    expect(remove('jira', 'sales')).toEqual({ removed: false, why: 'not-on' });
    expect(remove('jira', 'eng')).toMatchObject({ removed: true, rest: [] });
    expect(state.installs.jira).toBeUndefined();
    expect(remove('zoom', 'sales')).toEqual({ removed: false, why: 'on-for-all' });
    expect(remove('box', 'sales')).toEqual({ removed: false, why: 'not-on' });
  });
});

describe('disabling and keeping an install', () => {
  it('records who turned it off and when, and keeping it clears that and sets the deadline', () => {
    const state = world();
    enableInstall(state, { integrationId: 'zoom', scope: { kind: 'all' }, by: 'x', now, permissions: [] });
    const install = state.installs.zoom;
    if (!install) throw new Error('enableInstall made no install');
    disableInstall(install, { by: 'scheduler', now, reason: 'auto-disable' });
    expect(install).toMatchObject({
      status: 'disabled',
      disabledBy: 'auto-disable',
      disabledAt: now.toISOString(),
      keptUntil: null,
    });
    const later = new Date('2026-11-23T09:00:00Z');
    keepInstall(install, { by: 'console:admin', now: later, until: '2027-02-01T00:00:00.000Z' });
    expect(install).toMatchObject({
      status: 'enabled',
      disabledBy: null,
      disabledAt: null,
      keptUntil: '2027-02-01T00:00:00.000Z',
      changedAt: later.toISOString(),
      changedBy: 'console:admin',
      scope: { kind: 'all' },
    });
  });
});
