import { describe, expect, it } from 'vitest';
import { blockIntegration } from '../../src/application/use-cases/block-integration.js';
import { enableIntegration } from '../../src/application/use-cases/enable-integration.js';
import { keepIntegration } from '../../src/application/use-cases/keep-integration.js';
import { listBlocked } from '../../src/application/use-cases/list-blocked.js';
import { prepareApproval } from '../../src/application/use-cases/prepare-approval.js';
import { requestIntegration } from '../../src/application/use-cases/request-integration.js';
import { runDeadlinePass } from '../../src/application/use-cases/run-deadline-pass.js';
import { unblockIntegration } from '../../src/application/use-cases/unblock-integration.js';
import { requestCardKey } from '../../src/application/views/request-views.js';
import { MAX_REASON_LENGTH } from '../../src/domain/limits.js';
import { aCore, person } from '../fakes/core.js';

const ada = person('ada');
const bob = person('bob');
const box = { id: 'box', name: 'Box', vendor: 'Box' };

async function auditOf(core: Awaited<ReturnType<typeof aCore>>) {
  const entries: { action: string; integrationId: string | null; details: string; actor: string }[] = [];
  for await (const e of core.audit.read()) entries.push(e);
  return entries;
}

async function boxRequested() {
  const core = await aCore();
  await core.say(ada, 'request box because clients send Box links');
  await core.say(bob, 'request box');
  const requestId = core.store.read().openRequests.box ?? 'none';
  return { core, requestId };
}

describe('blockIntegration', () => {
  it('closes the open request as blocked, tells each requester why and updates the admin card with no actions', async () => {
    const { core, requestId } = await boxRequested();
    // As if delivered: a posted card is updated in place.
    await core.store.update((s) => {
      s.postedCards[requestCardKey(requestId)] = [{ target: 'console:admin', messageId: 'm1' }];
    });
    const before = core.store.read().outbox.length;
    const done = await blockIntegration(core.deps, {
      actor: core.admin,
      integration: 'box',
      reason: 'we use Dropbox',
    });
    expect(done).toEqual({
      ok: true,
      integration: box,
      block: { reason: 'we use Dropbox', by: 'Admin', at: '2026-11-22T10:42:00.000Z' },
      closed: { requestId, requestersTold: 2 },
    });
    const state = core.store.read();
    expect(state.requests[requestId]).toMatchObject({
      state: 'blocked',
      decision: { by: 'console:admin', reason: 'we use Dropbox' },
    });
    expect(state.openRequests.box).toBeUndefined();
    const queued = state.outbox.slice(before);
    const dms = queued.filter((n) => n.target === 'console:ada' || n.target === 'console:bob');
    expect(dms.map((n) => n.target).sort()).toEqual(['console:ada', 'console:bob']);
    expect(dms[0]?.view).toMatchObject({
      kind: 'message',
      text: 'Box was blocked by Admin; your request is closed.',
      lines: ['Reason: we use Dropbox'],
    });
    const card = state.outbox.filter((n) => n.cardKey === requestCardKey(requestId)).at(-1);
    expect(card?.target).toBe('console:admin');
    expect(card?.view).toMatchObject({ state: 'blocked', actions: [] });
    expect(String(card?.view.decisionLine)).toMatch(/^Blocked by Admin — 10:42: we use Dropbox$/);
    const audit = await auditOf(core);
    expect(audit.slice(-2)).toEqual([
      expect.objectContaining({
        action: 'integration-blocked',
        integrationId: 'box',
        details: 'we use Dropbox',
      }),
      expect.objectContaining({
        action: 'request-blocked',
        integrationId: 'box',
        details: `${requestId}: we use Dropbox`,
      }),
    ]);
  });

  it('refuses a member, changing nothing', async () => {
    const { core, requestId } = await boxRequested();
    const state = JSON.stringify(core.store.read());
    const r = await blockIntegration(core.deps, { actor: ada, integration: 'box', reason: 'spam' });
    expect(r).toMatchObject({
      ok: false,
      reason: 'not-admin',
      task: 'block-integrations',
      admins: ['Admin'],
    });
    expect(JSON.stringify(core.store.read())).toBe(state);
    expect(core.store.read().requests[requestId]?.state).toBe('open');
    const u = await unblockIntegration(core.deps, { actor: ada, integration: 'box' });
    expect(u).toMatchObject({ ok: false, reason: 'not-admin', task: 'block-integrations' });
  });

  it('refuses a missing or over-long reason, an unknown name with suggestions, and a second block', async () => {
    const { core } = await boxRequested();
    expect(
      await blockIntegration(core.deps, { actor: core.admin, integration: 'box', reason: '  ' }),
    ).toEqual({
      ok: false,
      reason: 'reason-required',
    });
    expect(
      await blockIntegration(core.deps, {
        actor: core.admin,
        integration: 'box',
        reason: 'x'.repeat(MAX_REASON_LENGTH + 1),
      }),
    ).toEqual({ ok: false, reason: 'reason-too-long', max: MAX_REASON_LENGTH });
    expect(
      await blockIntegration(core.deps, { actor: core.admin, integration: 'dropbx', reason: 'no' }),
    ).toMatchObject({
      ok: false,
      reason: 'unknown-integration',
      suggestions: ['Dropbox'],
    });
    expect(core.store.read().blocked).toEqual({});
    await blockIntegration(core.deps, { actor: core.admin, integration: 'box', reason: 'first' });
    expect(
      await blockIntegration(core.deps, { actor: core.admin, integration: 'Box', reason: 'again' }),
    ).toEqual({
      ok: false,
      reason: 'already-blocked',
      integration: box,
      block: { reason: 'first', by: 'Admin', at: '2026-11-22T10:42:00.000Z' },
    });
  });

  it('refuses to block an integration still on, naming where, until it is disabled', async () => {
    const core = await aCore();
    await core.say(core.admin, 'enable box for all');
    expect(
      await blockIntegration(core.deps, { actor: core.admin, integration: 'box', reason: 'no' }),
    ).toEqual({
      ok: false,
      reason: 'block-while-enabled',
      integration: box,
      scope: { kind: 'all' },
    });
    expect(core.store.read().blocked).toEqual({});
    await core.say(core.admin, 'disable box');
    expect(
      (await blockIntegration(core.deps, { actor: core.admin, integration: 'box', reason: 'no' })).ok,
    ).toBe(true);
  });
});

describe('a blocked integration', () => {
  it('refuses every later request with the reason, to members and admins alike, filing nothing', async () => {
    const { core } = await boxRequested();
    await blockIntegration(core.deps, { actor: core.admin, integration: 'box', reason: 'we use Dropbox' });
    const requests = Object.keys(core.store.read().requests).length;
    for (const actor of [ada, person('carol'), core.admin]) {
      expect(await requestIntegration(core.deps, { actor, integration: 'box', reason: 'please' })).toEqual({
        ok: false,
        reason: 'integration-blocked',
        integration: box,
        block: { reason: 'we use Dropbox', by: 'Admin', at: '2026-11-22T10:42:00.000Z' },
        wanted: 'request',
      });
    }
    expect(Object.keys(core.store.read().requests)).toHaveLength(requests);
  });

  it('cannot be approved or enabled until it is unblocked', async () => {
    const core = await aCore();
    await core.say(core.admin, 'block box because we use Dropbox');
    expect(
      prepareApproval(core.deps, { actor: core.admin, integration: 'box', scope: { kind: 'all' } }),
    ).toMatchObject({
      ok: false,
      reason: 'integration-blocked',
      wanted: 'approve',
    });
    expect(
      await enableIntegration(core.deps, { actor: core.admin, integration: 'box', scope: { kind: 'all' } }),
    ).toMatchObject({ ok: false, reason: 'integration-blocked', wanted: 'enable' });
    expect(core.store.read().installs.box).toBeUndefined();
    expect(await unblockIntegration(core.deps, { actor: core.admin, integration: 'box' })).toEqual({
      ok: true,
      integration: box,
    });
    expect(
      (await enableIntegration(core.deps, { actor: core.admin, integration: 'box', scope: { kind: 'all' } }))
        .ok,
    ).toBe(true);
  });

  it('turned off by its review, is not kept on past its auto-disable date until it is unblocked', async () => {
    const core = await aCore();
    await core.say(core.admin, 'enable surveymonkey for all');
    core.clock.set('2027-02-01T00:00:30Z');
    await runDeadlinePass(core.deps, { now: core.clock.now() });
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'disabled',
      disabledBy: 'auto-disable',
    });
    await core.say(core.admin, 'block surveymonkey because we run surveys in Forms');
    expect(
      await keepIntegration(core.deps, { actor: core.admin, integration: 'surveymonkey' }),
    ).toMatchObject({
      ok: false,
      reason: 'integration-blocked',
      wanted: 'keep',
    });
    expect(core.store.read().installs.surveymonkey).toMatchObject({
      status: 'disabled',
      disabledBy: 'admin',
    });
  });

  it('after unblocking, may be requested again, as a new request; the closed one stays closed', async () => {
    const { core, requestId } = await boxRequested();
    await core.say(core.admin, 'block box because we use Dropbox');
    await core.say(core.admin, 'unblock box');
    expect(core.store.read().requests[requestId]?.state).toBe('blocked');
    expect(core.store.read().openRequests.box).toBeUndefined();
    const again = await requestIntegration(core.deps, { actor: ada, integration: 'box', reason: null });
    expect(again).toMatchObject({ ok: true, result: 'filed' });
    expect(again.ok && again.result === 'filed' && again.requestId).not.toBe(requestId);
    const audit = await auditOf(core);
    expect(audit.filter((e) => e.action === 'integration-unblocked')).toEqual([
      expect.objectContaining({
        actor: 'console:admin',
        integrationId: 'box',
        details: 'was blocked: we use Dropbox',
      }),
    ]);
  });

  it('unblocking one that is not blocked says so and audits nothing', async () => {
    const core = await aCore();
    expect(await unblockIntegration(core.deps, { actor: core.admin, integration: 'box' })).toEqual({
      ok: false,
      reason: 'not-blocked',
      integration: box,
    });
    expect((await auditOf(core)).some((e) => e.action === 'integration-unblocked')).toBe(false);
  });

  it('is listed by "blocked" with why, who and when, newest first, and shown blocked in the directory', async () => {
    const core = await aCore();
    await core.say(core.admin, 'block box because we use Dropbox');
    core.clock.set('2026-11-23T08:00:00Z');
    await core.say(core.admin, 'block zoom because we use Teams meetings');
    const list = listBlocked(core.deps);
    expect(list.items.map((i) => [i.integration.id, i.block.reason, i.block.by])).toEqual([
      ['zoom', 'we use Teams meetings', 'Admin'],
      ['box', 'we use Dropbox', 'Admin'],
    ]);
    const [directory] = await core.say(ada, 'integrations');
    const item =
      directory?.kind === 'directory' ? directory.items.find((i) => i.integration.id === 'box') : undefined;
    expect(item).toMatchObject({
      state: 'blocked',
      status: 'Blocked by Admin on 22 Nov 2026: we use Dropbox',
    });
    expect(item?.actions.map((a) => a.verb)).toEqual(['showPermissions']);
    expect(directory?.kind === 'directory' && directory.items.at(-1)?.state).toBe('blocked');
  });
});
