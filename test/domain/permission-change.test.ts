import { describe, expect, it } from 'vitest';
import {
  checkPermissions,
  permissionChangeKey,
  permissionDiff,
  permissionSetHash,
} from '../../src/domain/permission-change.js';
import type { Install } from '../../src/domain/state.js';

function anInstall(overrides: Partial<Install> = {}): Install {
  return {
    integrationId: 'jira',
    scope: { kind: 'all' },
    status: 'enabled',
    connected: false,
    changedAt: '2026-11-01T00:00:00Z',
    changedBy: 'console:ada',
    keptUntil: null,
    disabledBy: null,
    disabledAt: null,
    endsAt: null,
    approvedPermissions: ['Read issues', 'Read projects'],
    ...overrides,
  };
}

describe('permissionDiff', () => {
  it('names exactly what was added and what was removed, in catalog order', () => {
    expect(permissionDiff(['a', 'b', 'c'], ['c', 'd', 'a', 'e'])).toEqual({
      added: ['d', 'e'],
      removed: ['b'],
    });
  });

  it('finds nothing when only the order, spacing or duplicates differ', () => {
    expect(permissionDiff(['a', 'b'], [' b', 'a', 'a '])).toEqual({ added: [], removed: [] });
  });

  it('treats a reworded permission as one removed and one added (the wording is what admins read)', () => {
    expect(permissionDiff(['Read issues'], ['Read and write issues'])).toEqual({
      added: ['Read and write issues'],
      removed: ['Read issues'],
    });
  });

  it('handles empty sets on either side', () => {
    expect(permissionDiff([], ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(permissionDiff(['a'], [])).toEqual({ added: [], removed: ['a'] });
    expect(permissionDiff([], [])).toEqual({ added: [], removed: [] });
  });
});

describe('permissionSetHash', () => {
  it('is the same for the same set in any order, and differs for another set', () => {
    expect(permissionSetHash(['a', 'b'])).toBe(permissionSetHash(['b', 'a', 'a']));
    expect(permissionSetHash(['a', 'b'])).not.toBe(permissionSetHash(['a', 'b', 'c']));
    expect(permissionSetHash(['ab'])).not.toBe(permissionSetHash(['a', 'b']));
    expect(permissionSetHash([])).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keys one notice per integration and set', () => {
    const hash = permissionSetHash(['a']);
    expect(permissionChangeKey('jira', hash)).toBe(`permissions:jira:${hash}`);
    expect(permissionChangeKey('jira', hash)).not.toBe(permissionChangeKey('zoom', hash));
  });
});

describe('checkPermissions', () => {
  it('takes the current set as the baseline of an install that recorded none', () => {
    expect(checkPermissions(anInstall({ approvedPermissions: null }), ['x'])).toEqual({ kind: 'baseline' });
  });

  it('sees nothing to decide when the catalog asks what admins approved', () => {
    expect(checkPermissions(anInstall(), ['Read projects', 'Read issues'])).toEqual({ kind: 'same' });
  });

  it('asks admins when an enabled integration asks for more, with the set fingerprint', () => {
    const current = ['Read issues', 'Write issues'];
    expect(checkPermissions(anInstall(), current)).toEqual({
      kind: 'more',
      diff: { added: ['Write issues'], removed: ['Read projects'] },
      approved: ['Read issues', 'Read projects'],
      hash: permissionSetHash(current),
    });
  });

  it('needs nobody when it only asks for less', () => {
    expect(checkPermissions(anInstall(), ['Read issues'])).toMatchObject({
      kind: 'fewer',
      diff: { added: [], removed: ['Read projects'] },
    });
  });

  it('leaves a disabled integration alone: turning it on again approves the set of that day', () => {
    expect(checkPermissions(anInstall({ status: 'disabled' }), ['Read issues', 'Admin'])).toMatchObject({
      kind: 'off',
    });
  });
});
