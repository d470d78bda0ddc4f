import { describe, expect, it } from 'vitest';
import { blockIntegration, blockOf, unblockIntegration } from '../../src/domain/block.js';
import { MAX_REASON_LENGTH } from '../../src/domain/limits.js';
import { addRequester, openRequestFor } from '../../src/domain/request.js';
import { emptyState, type Install } from '../../src/domain/state.js';

const now = new Date('2026-11-22T10:42:00Z');
const later = new Date('2026-11-23T09:00:00Z');

function withOpenRequest() {
  const state = emptyState();
  addRequester(state, {
    integrationId: 'box',
    personId: 'console:ada',
    reason: 'files',
    now,
    newId: () => 'r1',
  });
  return state;
}

const install = (status: Install['status']): Install => ({
  integrationId: 'box',
  scope: { kind: 'all' },
  status,
  connected: false,
  changedAt: now.toISOString(),
  changedBy: 'console:admin',
  keptUntil: null,
  disabledBy: status === 'disabled' ? 'admin' : null,
  disabledAt: null,
  endsAt: null,
  approvedPermissions: null,
});

describe('blockIntegration', () => {
  it('records the block and closes the open request as blocked, with who, when and why', () => {
    const state = withOpenRequest();
    const done = blockIntegration(state, {
      integrationId: 'box',
      by: 'console:admin',
      reason: ' we use Dropbox ',
      now,
    });
    expect(done).toMatchObject({ ok: true, block: { reason: 'we use Dropbox', by: 'console:admin' } });
    expect(blockOf(state, 'box')).toEqual({
      reason: 'we use Dropbox',
      by: 'console:admin',
      at: now.toISOString(),
    });
    expect(state.requests.r1).toMatchObject({
      state: 'blocked',
      decision: { by: 'console:admin', at: now.toISOString(), scope: null, reason: 'we use Dropbox' },
    });
    expect(done.ok && done.closed?.id).toBe('r1');
    expect(openRequestFor(state, 'box')).toBeUndefined();
  });

  it('blocks an integration nobody asked for, closing nothing', () => {
    const state = emptyState();
    const done = blockIntegration(state, { integrationId: 'zoom', by: 'console:admin', reason: 'no', now });
    expect(done).toMatchObject({ ok: true, closed: null });
    expect(blockOf(state, 'zoom')?.reason).toBe('no');
  });

  it('needs a reason under the limit, as a denial does, and changes nothing without one', () => {
    for (const reason of ['', '   ', null, undefined]) {
      const state = withOpenRequest();
      expect(blockIntegration(state, { integrationId: 'box', by: 'console:admin', reason, now })).toEqual({
        ok: false,
        problem: 'reason-required',
      });
      expect(state.blocked).toEqual({});
      expect(state.requests.r1?.state).toBe('open');
    }
    const state = withOpenRequest();
    const long = 'x'.repeat(MAX_REASON_LENGTH + 1);
    expect(blockIntegration(state, { integrationId: 'box', by: 'console:admin', reason: long, now })).toEqual(
      {
        ok: false,
        problem: 'reason-too-long',
      },
    );
    expect(state.blocked).toEqual({});
  });

  it('leaves a block as it is: the first reason, who and when stay', () => {
    const state = emptyState();
    blockIntegration(state, { integrationId: 'box', by: 'console:admin', reason: 'first', now });
    const again = blockIntegration(state, {
      integrationId: 'box',
      by: 'console:eve',
      reason: 'second',
      now: later,
    });
    expect(again).toEqual({ ok: false, problem: 'already-blocked' });
    expect(blockOf(state, 'box')).toEqual({ reason: 'first', by: 'console:admin', at: now.toISOString() });
  });

  it('refuses an integration still on, and blocks one turned off', () => {
    const on = withOpenRequest();
    on.installs.box = install('enabled');
    expect(blockIntegration(on, { integrationId: 'box', by: 'console:admin', reason: 'no', now })).toEqual({
      ok: false,
      problem: 'enabled',
    });
    expect(on.blocked).toEqual({});
    expect(on.requests.r1?.state).toBe('open');
    const off = emptyState();
    off.installs.box = install('disabled');
    expect(blockIntegration(off, { integrationId: 'box', by: 'console:admin', reason: 'no', now }).ok).toBe(
      true,
    );
    expect(off.installs.box?.status).toBe('disabled');
  });

  it('leaves one its review turned off off as an admin’s choice, so a review passing later keeps it off', () => {
    const state = emptyState();
    state.installs.box = { ...install('disabled'), disabledBy: 'auto-disable' };
    expect(blockIntegration(state, { integrationId: 'box', by: 'console:admin', reason: 'no', now }).ok).toBe(
      true,
    );
    expect(state.installs.box).toMatchObject({ status: 'disabled', disabledBy: 'admin' });
    const forGood = emptyState();
    forGood.installs.box = { ...install('disabled'), disabledBy: 'deadline' };
    blockIntegration(forGood, { integrationId: 'box', by: 'console:admin', reason: 'no', now });
    expect(forGood.installs.box?.disabledBy).toBe('deadline');
  });

  it('does not reach Object.prototype for an id such as __proto__', () => {
    const state = emptyState();
    expect(blockOf(state, '__proto__')).toBeUndefined();
    expect(blockOf(state, 'constructor')).toBeUndefined();
  });
});

describe('unblockIntegration', () => {
  it('lifts a block and re-opens nothing it closed', () => {
    const state = withOpenRequest();
    blockIntegration(state, { integrationId: 'box', by: 'console:admin', reason: 'no', now });
    expect(unblockIntegration(state, 'box')).toBe(true);
    expect(blockOf(state, 'box')).toBeUndefined();
    expect(state.requests.r1?.state).toBe('blocked');
    expect(openRequestFor(state, 'box')).toBeUndefined();
  });

  it('says so when there was no block', () => {
    const state = emptyState();
    expect(unblockIntegration(state, 'box')).toBe(false);
    expect(state.blocked).toEqual({});
  });
});
