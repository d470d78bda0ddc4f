import { describe, expect, it } from 'vitest';
import { dispatchAction, REQUESTS_CARD_KEY, viewCardFor } from '../../src/application/dispatch-action.js';
import type { BulkItem } from '../../src/application/outcomes.js';
import { approveIntegrationRequest } from '../../src/application/use-cases/approve-integration-request.js';
import { decideMany } from '../../src/application/use-cases/decide-many.js';
import { requestCardKey } from '../../src/application/views/request-views.js';
import { VERBS } from '../../src/application/views/view.js';
import { MAX_BULK_DECISIONS } from '../../src/domain/limits.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
const bob = person('bob');

type Core = Awaited<ReturnType<typeof aCore>>;

async function withRequests(...names: string[]): Promise<Core> {
  const core = await aCore();
  await core.say(core.admin, 'group create Sales');
  await core.say(core.admin, 'group Sales add console:ada');
  for (const name of names) await core.say(ada, `request ${name} because we need it`);
  return core;
}

const openId = (core: Core, integrationId: string) => core.store.read().openRequests[integrationId] ?? 'none';

async function auditActions(core: Core) {
  const entries: { action: string; integrationId: string | null; actor: string }[] = [];
  for await (const e of core.audit.read()) entries.push(e);
  return entries.filter((e) => e.action === 'request-approved' || e.action === 'request-denied');
}

const summary = (items: BulkItem[]) =>
  items.map((i) => (i.ok ? [i.name, i.done.decision.state] : [i.name, i.refusal.reason]));

describe('decideMany', () => {
  it('approves each named request on its own: one audit entry, requester notice and card update each', async () => {
    const core = await withRequests('jira', 'zoom');
    // Pretend the worker delivered both admin cards, so their updates show as updates.
    await core.store.update((s) => {
      s.outbox = [];
      for (const id of Object.keys(s.requests))
        s.postedCards[requestCardKey(id)] = [{ target: 'console:admin', messageId: `m-${id}` }];
    });
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'approved',
      targets: { kind: 'names', names: ['Jira', 'zoom'] },
      scope: { kind: 'all' },
      reason: null,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([
      ['Jira', 'approved'],
      ['Zoom', 'approved'],
    ]);
    const state = core.store.read();
    expect(state.installs.jira).toMatchObject({ status: 'enabled', scope: { kind: 'all' } });
    expect(state.installs.zoom).toMatchObject({ status: 'enabled', scope: { kind: 'all' } });
    expect((await auditActions(core)).map((e) => [e.action, e.integrationId, e.actor])).toEqual([
      ['request-approved', 'jira', 'console:admin'],
      ['request-approved', 'zoom', 'console:admin'],
    ]);
    const told = state.outbox.filter((n) => n.target === 'console:ada');
    expect(told.map((n) => (n.view as { integration: { id: string } }).integration.id)).toEqual([
      'jira',
      'zoom',
    ]);
    for (const id of ['jira', 'zoom']) {
      const request = Object.values(state.requests).find((q) => q.integrationId === id);
      const cards = state.outbox.filter((n) => n.cardKey === requestCardKey(request?.id ?? ''));
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ mode: 'update', target: 'console:admin' });
      expect(cards[0]?.view).toMatchObject({ kind: 'requestNotice', state: 'approved', actions: [] });
    }
  });

  it('goes on past names that fail, and says why each failed', async () => {
    const core = await withRequests('jira', 'zoom');
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'denied',
      targets: { kind: 'names', names: ['jirra', 'dropbox', 'zoom', 'nosuchthing'] },
      scope: { kind: 'requesters' },
      reason: 'we use Linear',
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([
      ['jirra', 'unknown-integration'],
      ['Dropbox', 'no-open-request'],
      ['Zoom', 'denied'],
      ['nosuchthing', 'unknown-integration'],
    ]);
    expect(r.items[0]).toMatchObject({ ok: false, refusal: { suggestions: ['Jira'] } });
    expect(core.store.read().requests[openId(core, 'jira')]?.state).toBe('open');
    expect((await auditActions(core)).map((e) => e.integrationId)).toEqual(['zoom']);
    const denial = Object.values(core.store.read().requests).find((q) => q.integrationId === 'zoom');
    expect(denial?.decision).toMatchObject({ reason: 'we use Linear', by: 'console:admin' });
  });

  it('lets the first decision win: a request decided meanwhile is reported, the rest decided', async () => {
    const core = await withRequests('jira', 'zoom');
    const jira = openId(core, 'jira');
    const other = { id: 'console:grace', name: 'Grace' };
    await core.say(core.admin, 'admin add console:grace');
    await approveIntegrationRequest(core.deps, { actor: other, requestId: jira, scope: { kind: 'all' } });
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'denied',
      targets: { kind: 'requests', ids: [jira, openId(core, 'zoom')] },
      scope: { kind: 'requesters' },
      reason: 'no',
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([
      ['Jira', 'already-decided'],
      ['Zoom', 'denied'],
    ]);
    expect(r.items[0]).toMatchObject({ refusal: { decision: { state: 'approved', by: 'grace' } } });
    expect(core.store.read().requests[jira]?.state).toBe('approved');
    expect((await auditActions(core)).map((e) => [e.action, e.integrationId])).toEqual([
      ['request-approved', 'jira'],
      ['request-denied', 'zoom'],
    ]);
  });

  it('decides a request named twice (by name and alias) once', async () => {
    const core = await withRequests('jira');
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'approved',
      targets: { kind: 'names', names: ['jira', 'Jira', 'JIRA '] },
      scope: { kind: 'all' },
      reason: null,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([['Jira', 'approved']]);
    expect(await auditActions(core)).toHaveLength(1);
  });

  it('reports a requesters-group approval that has no group per request, deciding the others', async () => {
    const core = await withRequests('jira');
    await core.say(bob, 'request zoom');
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'approved',
      targets: { kind: 'names', names: ['jira', 'zoom'] },
      scope: { kind: 'requesters' },
      reason: null,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([
      ['Jira', 'approved'],
      ['Zoom', 'no-requester-groups'],
    ]);
  });

  it('refuses a member outright and changes nothing', async () => {
    const core = await withRequests('jira', 'zoom');
    const before = JSON.stringify(core.store.read());
    for (const outcome of ['approved', 'denied'] as const) {
      const r = await decideMany(core.deps, {
        actor: ada,
        outcome,
        targets: { kind: 'requests', ids: [openId(core, 'jira'), openId(core, 'zoom')] },
        scope: { kind: 'all' },
        reason: 'because',
      });
      expect(r).toMatchObject({ ok: false, reason: 'not-admin' });
    }
    expect(JSON.stringify(core.store.read())).toBe(before);
    expect(await auditActions(core)).toEqual([]);
  });

  it('refuses a denial without a reason, or with one too long, before deciding anything', async () => {
    const core = await withRequests('jira', 'zoom');
    const before = JSON.stringify(core.store.read());
    const input = {
      actor: core.admin,
      outcome: 'denied' as const,
      targets: { kind: 'names' as const, names: ['jira', 'zoom'] },
      scope: { kind: 'requesters' as const },
    };
    expect(await decideMany(core.deps, { ...input, reason: null })).toEqual({
      ok: false,
      reason: 'reason-required',
    });
    expect(await decideMany(core.deps, { ...input, reason: '   ' })).toMatchObject({
      reason: 'reason-required',
    });
    expect(await decideMany(core.deps, { ...input, reason: 'x'.repeat(501) })).toMatchObject({
      reason: 'reason-too-long',
      max: 500,
    });
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it('refuses more than the bound, none at all, or an unknown group, changing nothing', async () => {
    const core = await withRequests('jira', 'zoom');
    const before = JSON.stringify(core.store.read());
    const base = {
      actor: core.admin,
      outcome: 'approved' as const,
      reason: null,
      scope: { kind: 'all' as const },
    };
    const names = Array.from({ length: MAX_BULK_DECISIONS + 1 }, (_, i) => `app${i}`);
    expect(await decideMany(core.deps, { ...base, targets: { kind: 'names', names } })).toEqual({
      ok: false,
      reason: 'too-many-decisions',
      count: MAX_BULK_DECISIONS + 1,
      max: MAX_BULK_DECISIONS,
    });
    expect(await decideMany(core.deps, { ...base, targets: { kind: 'requests', ids: [' ', ''] } })).toEqual({
      ok: false,
      reason: 'nothing-chosen',
    });
    expect(
      await decideMany(core.deps, {
        ...base,
        targets: { kind: 'names', names: ['jira', 'zoom'] },
        scope: { kind: 'groups', groups: ['Marketing'] },
      }),
    ).toMatchObject({ ok: false, reason: 'unknown-group', name: 'Marketing' });
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it('names a chosen request that no longer exists without stopping the others', async () => {
    const core = await withRequests('jira');
    const r = await decideMany(core.deps, {
      actor: core.admin,
      outcome: 'approved',
      targets: { kind: 'requests', ids: ['req-gone', openId(core, 'jira')] },
      scope: { kind: 'requesters' },
      reason: null,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(summary(r.items)).toEqual([
      [null, 'request-gone'],
      ['Jira', 'approved'],
    ]);
  });
});

describe('approve a, b / deny a, b because …', () => {
  it('answers one message listing what was decided and what was not, and why', async () => {
    const core = await withRequests('jira', 'zoom');
    const views = await core.say(core.admin, 'approve jira, Zoom, dropbox for Sales');
    expect(views[0]).toMatchObject({
      kind: 'message',
      tone: 'warning',
      text: 'Approved 2 of 3: Jira, Zoom.',
    });
    const lines = (views[0] as { lines: string[] }).lines;
    expect(lines[0]).toMatch(/^✓ Jira: Approved by Admin for Sales/);
    expect(lines[1]).toMatch(/^✓ Zoom: Approved by Admin for Sales/);
    expect(lines[2]).toBe(
      '✗ Dropbox: Nobody has asked for Dropbox. To turn it on anyway: enable dropbox for all (or for <group>).',
    );
    // Neither shipped entry has a connect step: no authorise link follows the answer.
    expect(views.slice(1)).toEqual([]);
  });

  it('words an unknown name with its nearest names, and a denial that decided nothing as an error', async () => {
    const core = await withRequests('jira');
    const views = await core.say(core.admin, 'deny jirra, dropbox because no');
    expect(views[0]).toMatchObject({ tone: 'error', text: 'Nothing was denied.' });
    expect((views[0] as { lines: string[] }).lines).toEqual([
      '✗ jirra: I don\'t know "jirra". Did you mean Jira?',
      '✗ Dropbox: There is no pending request for Dropbox.',
    ]);
  });

  it('says the bound in a clear sentence', async () => {
    const core = await withRequests('jira');
    const names = Array.from({ length: 26 }, (_, i) => `a${i}`).join(', ');
    const views = await core.say(core.admin, `approve ${names}`);
    expect(views).toEqual([
      {
        kind: 'message',
        tone: 'error',
        text: 'That is 26 requests; decide at most 25 at once. Nothing was changed.',
      },
    ]);
  });
});

describe('the requests card: decide several', () => {
  it('offers admins the pending requests to choose, with Approve selected and Deny selected', async () => {
    const core = await withRequests('jira', 'zoom');
    const [list] = await core.say(core.admin, 'requests');
    expect(list).toMatchObject({
      kind: 'requestList',
      bulk: {
        fields: [
          {
            id: 'requests',
            kind: 'choices',
            choices: [
              { value: openId(core, 'jira'), title: 'Jira' },
              { value: openId(core, 'zoom'), title: 'Zoom' },
            ],
          },
          { id: 'bulkReason', kind: 'text', required: false },
        ],
        actions: [
          { verb: VERBS.approveSelected, label: 'Approve selected' },
          { verb: VERBS.denySelected, label: 'Deny selected' },
        ],
      },
    });
  });

  it('offers no selection for one pending request, nor to members', async () => {
    const one = await withRequests('jira');
    expect((await one.say(one.admin, 'requests'))[0]).toMatchObject({ bulk: null });
    const core = await withRequests('jira', 'zoom');
    expect((await core.say(ada, 'requests'))[0]).not.toHaveProperty('bulk');
    expect(viewCardFor(core.deps, { actorId: ada.id, cardKey: REQUESTS_CARD_KEY })).toMatchObject({
      kind: 'message',
      tone: 'error',
    });
  });

  it('decides the selection from the card, answering the list as it now stands', async () => {
    const core = await withRequests('jira', 'zoom', 'box');
    const reply = await dispatchAction(core.deps, {
      actor: core.admin,
      origin: dm(core.admin),
      verb: VERBS.denySelected,
      data: {},
      inputs: { requests: `${openId(core, 'jira')},${openId(core, 'zoom')}`, bulkReason: 'not now' },
    });
    expect(reply.refused).toBe(false);
    expect(reply.views[0]).toMatchObject({ tone: 'success', text: 'Denied 2 of 2: Jira, Zoom.' });
    expect(reply.card).toMatchObject({ kind: 'requestList', items: [{ integration: { id: 'box' } }] });
    expect((await auditActions(core)).map((e) => e.action)).toEqual(['request-denied', 'request-denied']);
  });

  it('refuses Deny selected without a reason, and a member posting the action, changing nothing', async () => {
    const core = await withRequests('jira', 'zoom');
    const before = JSON.stringify(core.store.read().requests);
    const ids = [openId(core, 'jira'), openId(core, 'zoom')];
    const noReason = await dispatchAction(core.deps, {
      actor: core.admin,
      origin: dm(core.admin),
      verb: VERBS.denySelected,
      data: {},
      inputs: { requests: ids },
    });
    expect(noReason).toMatchObject({
      refused: true,
      card: { kind: 'message', text: 'A reason is required: the requesters will see it.' },
    });
    const forged = await dispatchAction(core.deps, {
      actor: ada,
      origin: dm(ada),
      verb: VERBS.approveSelected,
      data: {},
      inputs: { requests: ids },
    });
    expect(forged).toMatchObject({ refused: true, card: { kind: 'message', tone: 'error' } });
    expect((forged.card as { text: string }).text).toMatch(/^Only system admins can approve integrations/);
    expect(JSON.stringify(core.store.read().requests)).toBe(before);
  });
});
