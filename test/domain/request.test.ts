import { describe, expect, it } from 'vitest';
import { addRequester, decideRequest, hasAsked, openRequestFor } from '../../src/domain/request.js';
import { emptyState } from '../../src/domain/state.js';

const now = new Date('2026-11-22T10:42:00Z');

function withIds() {
  let n = 0;
  return () => `r${++n}`;
}

describe('integration requests', () => {
  it('opens one request per integration, which later requesters join', () => {
    const state = emptyState();
    const newId = withIds();
    const first = addRequester(state, {
      integrationId: 'jira',
      personId: 'console:ada',
      reason: 'bugs',
      now,
      newId,
    });
    const second = addRequester(state, {
      integrationId: 'jira',
      personId: 'console:bob',
      reason: null,
      now,
      newId,
    });
    const other = addRequester(state, {
      integrationId: 'zoom',
      personId: 'console:bob',
      reason: null,
      now,
      newId,
    });
    expect(first).toMatchObject({ joined: false, request: { id: 'r1' } });
    expect(second).toMatchObject({ joined: true, request: { id: 'r1' } });
    expect(other).toMatchObject({ joined: false, request: { id: 'r2' } });
    expect(openRequestFor(state, 'jira')?.requesters.map((r) => r.personId)).toEqual([
      'console:ada',
      'console:bob',
    ]);
    expect(state.personRequests['console:bob']).toEqual(['r1', 'r2']);
    expect(hasAsked(state, first.request, 'console:ada')).toBe(true);
    expect(hasAsked(state, other.request, 'console:ada')).toBe(false);
  });

  it('lets the first decision win and closes the open request', () => {
    const state = emptyState();
    const { request } = addRequester(state, {
      integrationId: 'jira',
      personId: 'console:ada',
      reason: null,
      now,
      newId: withIds(),
    });
    const approve = {
      outcome: 'approved' as const,
      by: 'console:admin',
      now,
      scope: { kind: 'all' as const },
      reason: null,
    };
    expect(decideRequest(state, request, approve)).toBe(true);
    expect(
      decideRequest(state, request, { ...approve, outcome: 'denied', by: 'console:ann', reason: 'no' }),
    ).toBe(false);
    expect(request).toMatchObject({ state: 'approved', decision: { by: 'console:admin', reason: null } });
    expect(openRequestFor(state, 'jira')).toBeUndefined();
  });

  it('starts a new request after a decision', () => {
    const state = emptyState();
    const newId = withIds();
    const add = () =>
      addRequester(state, { integrationId: 'jira', personId: 'console:ada', reason: null, now, newId });
    const { request } = add();
    decideRequest(state, request, { outcome: 'denied', by: 'console:admin', now, scope: null, reason: 'no' });
    expect(add()).toMatchObject({ joined: false, request: { id: 'r2', state: 'open' } });
  });
});
