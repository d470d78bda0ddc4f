import { describe, expect, it } from 'vitest';
import { approveIntegrationRequest } from '../../src/application/use-cases/approve-integration-request.js';
import { denyIntegrationRequest } from '../../src/application/use-cases/deny-integration-request.js';
import { prepareApproval } from '../../src/application/use-cases/prepare-approval.js';
import { requestIntegration } from '../../src/application/use-cases/request-integration.js';
import { REQUESTERS_SHOWN, requestCardKey } from '../../src/application/views/request-views.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
const bob = person('bob');
const eve = person('eve');

/** The id of the core's n-th request (ids are unguessable, so tests read them from the store). */
function idOf(core: Awaited<ReturnType<typeof aCore>>, n = 0): string {
  return Object.keys(core.store.read().requests)[n] ?? 'none';
}

async function withSales() {
  const core = await aCore();
  await core.say(core.admin, 'group create Sales');
  await core.say(core.admin, 'group create Eng');
  await core.say(core.admin, 'group Sales add console:ada');
  await core.say(core.admin, 'group Sales add console:bob');
  await core.say(core.admin, 'group Eng add console:eve');
  return core;
}

describe('requestIntegration', () => {
  it('names only the latest requesters on the admin card and counts them all', async () => {
    const core = await aCore();
    const total = REQUESTERS_SHOWN + 3;
    for (let i = 0; i < total; i++) await core.say(person(`p${i}`), `request jira because reason ${i}`);
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters).toHaveLength(total);
    const card = core.store.read().outbox.find((n) => n.cardKey === requestCardKey(request?.id ?? ''));
    expect(card?.view).toMatchObject({ requesterCount: total });
    const shown = (card?.view as { requesters?: { reason: string }[] } | undefined)?.requesters ?? [];
    const named = shown.map((r) => r.reason);
    expect(named).toEqual(
      Array.from({ length: REQUESTERS_SHOWN }, (_, i) => `reason ${i + total - REQUESTERS_SHOWN}`),
    );
  });

  it('updates the reason of someone who asks again, without adding them twice', async () => {
    const core = await aCore();
    await core.say(ada, 'request jira because first');
    await core.say(bob, 'request jira because bugs');
    const views = await core.say(ada, 'request jira because second');
    expect(views[0]).toMatchObject({ kind: 'message' });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters.map((r) => [r.personId, r.reason])).toEqual([
      ['console:ada', 'second'],
      ['console:bob', 'bugs'],
    ]);
  });

  it('files one request and queues the admin card to each admin directly when no admin channel is set', async () => {
    const core = await withSales();
    const views = await core.say(ada, 'request Jira because we track bugs there');
    expect(views[0]).toMatchObject({ kind: 'requestReceipt', joined: false, requesterCount: 1 });
    const state = core.store.read();
    const requests = Object.values(state.requests);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ integrationId: 'jira', state: 'open' });
    const notices = state.outbox.filter((n) => n.cardKey === requestCardKey(requests[0]?.id ?? ''));
    expect(notices.map((n) => n.target)).toEqual(['console:admin']);
    expect(notices[0]?.view).toMatchObject({
      kind: 'requestNotice',
      requesters: [{ name: 'Ada', reason: 'we track bugs there' }],
    });
  });

  it('lets later requesters join the open request, keeping count and every reason', async () => {
    const core = await withSales();
    await core.store.update((s) => {
      s.adminChannels['console:#admins'] = {
        id: 'console:#admins',
        name: '#admins',
        active: true,
        addedBy: 'console:admin',
        addedAt: '',
        inactiveReason: null,
      };
    });
    await core.say(ada, 'request jira because bugs');
    const views = await core.say(eve, 'request JIRA because support uses it');
    expect(views[0]).toMatchObject({ kind: 'requestReceipt', joined: true, requesterCount: 2 });
    const state = core.store.read();
    const [request] = Object.values(state.requests);
    expect(Object.keys(state.requests)).toHaveLength(1);
    expect(request?.requesters.map((r) => r.reason)).toEqual(['bugs', 'support uses it']);
    // The card not yet sent is replaced, not queued twice.
    const cards = state.outbox.filter((n) => n.cardKey === requestCardKey(request?.id ?? ''));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.target).toBe('console:#admins');
    expect(cards[0]?.view).toMatchObject({ requesters: [{ name: 'Ada' }, { name: 'Eve' }] });
  });

  it('does not add the same person twice', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira');
    const again = await requestIntegration(core.deps, {
      actor: ada,
      integration: 'jira',
      reason: 'now with a reason',
    });
    expect(again).toMatchObject({ ok: true, result: 'asked-before', reasonUpdated: true });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters).toHaveLength(1);
    expect(request?.requesters[0]?.reason).toBe('now with a reason');
  });

  it('answers without filing when the integration is already on for the requester', async () => {
    const core = await withSales();
    await core.say(core.admin, 'enable dropbox for Sales');
    const outcome = await requestIntegration(core.deps, { actor: ada, integration: 'dropbox', reason: null });
    expect(outcome).toMatchObject({ ok: false, reason: 'already-enabled', integration: { id: 'dropbox' } });
    expect(Object.keys(core.store.read().requests)).toHaveLength(0);
    // Eve (Eng) can still ask for it.
    expect((await core.say(eve, 'request dropbox'))[0]).toMatchObject({ kind: 'requestReceipt' });
  });

  it('matches names loosely and offers "did you mean" for typos', async () => {
    const core = await withSales();
    expect((await core.say(ada, 'request gdrive'))[0]).toMatchObject({ integration: { id: 'google-drive' } });
    const ask = (integration: string) =>
      requestIntegration(core.deps, { actor: ada, integration, reason: null });
    // Another spelling of the same integration finds Ada's request, not a new one.
    expect(await ask('Google-Drive')).toMatchObject({
      ok: true,
      result: 'asked-before',
      integration: { name: 'Google Drive' },
    });
    expect(await ask('jiar')).toEqual({
      ok: false,
      reason: 'unknown-integration',
      name: 'jiar',
      suggestions: ['Jira'],
    });
    expect(await ask('notion')).toEqual({
      ok: false,
      reason: 'unknown-integration',
      name: 'notion',
      suggestions: [],
    });
    expect(Object.values(core.store.read().requests).map((r) => r.integrationId)).toEqual(['google-drive']);
  });

  it('refuses integrations on the free plan, naming the plan needed', async () => {
    const core = await aCore({ settings: { plan: 'free' } });
    const outcome = await requestIntegration(core.deps, { actor: ada, integration: 'jira', reason: null });
    expect(outcome).toEqual({
      ok: false,
      reason: 'plan-too-small',
      subject: 'third-party-integrations',
      needed: 'business',
      current: 'free',
    });
    expect(Object.keys(core.store.read().requests)).toHaveLength(0);
  });

  it('refuses an over-long reason and files nothing', async () => {
    const core = await withSales();
    const outcome = await requestIntegration(core.deps, {
      actor: ada,
      integration: 'jira',
      reason: 'x'.repeat(501),
    });
    expect(outcome).toEqual({ ok: false, reason: 'reason-too-long', max: 500 });
    expect(Object.keys(core.store.read().requests)).toHaveLength(0);
  });
});

describe('approveIntegrationRequest', () => {
  it('shows the permissions first and changes nothing until Add is pressed', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira because bugs');
    const views = await core.say(core.admin, 'approve jira for Sales');
    expect(views[0]).toMatchObject({ kind: 'permissions', confirm: { scopeLabel: 'Sales' } });
    const view = views[0];
    if (view?.kind !== 'permissions') throw new Error('expected permissions');
    expect(view.permissions.length).toBeGreaterThan(0);
    expect(core.store.read().installs.jira).toBeUndefined();
    const add = view.actions[0];
    expect(add?.data).toEqual({ requestId: idOf(core), scope: 'groups:sales', ends: 'none' });
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: dm(core.admin),
      verb: add?.verb ?? '',
      data: add?.data,
    });
    expect(reply.refused).toBe(false);
    expect(core.store.read().installs.jira).toMatchObject({
      status: 'enabled',
      scope: { kind: 'groups', groups: ['sales'] },
    });
    expect(reply.card).toMatchObject({
      kind: 'requestNotice',
      state: 'approved',
      decisionLine: 'Approved by Admin for Sales — 10:42',
    });
    // Jira's shipped entry has no oauth block: no connect step, no link.
    expect(reply.views[0]).toMatchObject({ kind: 'decisionResult', outcome: 'approved', authorizeUrl: null });
  });

  it("uses the requesters' groups when no scope is given, and refuses when they have none", async () => {
    const core = await withSales();
    await core.say(ada, 'request zoom');
    await core.say(eve, 'request zoom');
    const views = await core.say(core.admin, 'approve zoom');
    expect(views[0]).toMatchObject({ kind: 'permissions', confirm: { scopeLabel: 'Sales, Eng' } });
    const loner = person('zed');
    await core.say(loner, 'request box');
    const outcome = prepareApproval(core.deps, {
      actor: core.admin,
      integration: 'box',
      scope: { kind: 'requesters' },
    });
    expect(outcome).toEqual({ ok: false, reason: 'no-requester-groups' });
  });

  it('tells every requester in a direct message and updates the admin card everywhere it was posted', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira because bugs');
    await core.say(bob, 'request jira');
    // Pretend the worker delivered the card to the admin.
    await core.store.update((s) => {
      s.outbox = [];
      s.postedCards[requestCardKey(idOf(core))] = [{ target: 'console:admin', messageId: 'm1' }];
    });
    await core.engine.handleAction({
      actor: core.admin,
      origin: dm(core.admin),
      verb: 'confirmApprove',
      data: { requestId: idOf(core), scope: 'all' },
    });
    const outbox = core.store.read().outbox;
    expect(
      outbox
        .filter((n) => n.view.kind === 'decisionResult')
        .map((n) => n.target)
        .sort(),
    ).toEqual(['console:ada', 'console:bob']);
    const update = outbox.find((n) => n.mode === 'update');
    expect(update).toMatchObject({ target: 'console:admin', cardKey: requestCardKey(idOf(core)) });
    expect(update?.view).toMatchObject({ state: 'approved', actions: [] });
  });

  it('decides a request whose card has not gone out yet: the queued card goes out decided, without buttons', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira because bugs');
    const cardKey = requestCardKey(idOf(core));
    const queued = () =>
      core.store.read().outbox.filter((n) => n.cardKey === cardKey && n.state === 'queued');
    expect(queued().map((n) => n.view)).toEqual([expect.objectContaining({ state: 'open' })]);
    await core.say(core.admin, 'deny jira because we use Linear');
    expect(queued()).toHaveLength(1);
    expect(queued()[0]?.view).toMatchObject({ state: 'denied', actions: [] });
  });

  it('lets the first of two concurrent decisions win and tells the second who decided', async () => {
    const core = await withSales();
    await core.say(core.admin, 'admin add console:ann');
    await core.say(ada, 'request jira');
    const ann = person('ann');
    const [first, second] = await Promise.all([
      approveIntegrationRequest(core.deps, {
        actor: core.admin,
        requestId: idOf(core),
        scope: { kind: 'all' },
      }),
      denyIntegrationRequest(core.deps, { actor: ann, requestId: idOf(core), reason: 'no' }),
    ]);
    expect(first).toMatchObject({
      ok: true,
      decision: { state: 'approved', by: 'Admin' },
      requestersTold: 1,
    });
    expect(second).toEqual({
      ok: false,
      reason: 'already-decided',
      decision: {
        state: 'approved',
        by: 'Admin',
        at: '2026-11-22T10:42:00.000Z',
        scope: { kind: 'all' },
        reason: null,
      },
    });
    expect(core.store.read().requests[idOf(core)]?.state).toBe('approved');
    const audit = [];
    for await (const e of core.audit.read()) audit.push(e.action);
    expect(audit.filter((a) => a.startsWith('request-') && a !== 'request-filed')).toEqual([
      'request-approved',
    ]);
  });

  it('refuses members, whatever the card says, and changes nothing', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira');
    const before = JSON.stringify(core.store.read().requests);
    const forged = await approveIntegrationRequest(core.deps, {
      actor: bob,
      requestId: idOf(core),
      scope: { kind: 'all' },
    });
    expect(forged).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'approve-integrations',
      admins: ['Admin'],
    });
    expect(JSON.stringify(core.store.read().requests)).toBe(before);
    expect(core.store.read().installs.jira).toBeUndefined();
  });

  it('refuses malformed card actions', async () => {
    const core = await withSales();
    await core.say(ada, 'request jira');
    for (const bad of [
      { verb: 'confirmApprove', data: { requestId: idOf(core), scope: 'groups:../etc' } },
      { verb: 'confirmApprove', data: { requestId: idOf(core) } },
      { verb: 'dropTables', data: {} },
      { verb: 'denyRequest', data: { requestId: idOf(core) }, inputs: { reason: '   ' } },
      { verb: 'approveRequest', data: idOf(core) },
    ]) {
      const reply = await core.engine.handleAction({ actor: core.admin, origin: dm(core.admin), ...bad });
      expect(reply.refused, JSON.stringify(bad)).toBe(true);
    }
    expect(core.store.read().requests[idOf(core)]?.state).toBe('open');
  });
});

describe('request indexes', () => {
  it("keep the open request per integration and each person's requests through decisions", async () => {
    const core = await withSales();
    await core.say(ada, 'request jira');
    await core.say(eve, 'request jira');
    expect(core.store.read().openRequests).toEqual({ jira: idOf(core) });
    await core.say(core.admin, 'deny jira because not now');
    expect(core.store.read().openRequests).toEqual({});
    // A new request after a decision is a new request, listed with the old one.
    expect((await core.say(eve, 'request jira'))[0]).toMatchObject({
      kind: 'requestReceipt',
      requestId: idOf(core, 1),
      joined: false,
    });
    expect(core.store.read().personRequests['console:eve']).toEqual([idOf(core), idOf(core, 1)]);
    const [mine] = await core.say(eve, 'my requests');
    expect(
      (mine as { items: { requestId: string; state: string }[] }).items.map((i) => [i.requestId, i.state]),
    ).toEqual([
      [idOf(core, 1), 'open'],
      [idOf(core), 'denied'],
    ]);
  });
});

describe('denyIntegrationRequest', () => {
  it('requires a reason and tells the requesters', async () => {
    const core = await withSales();
    await core.say(ada, 'request dropbox');
    const blank = { actor: core.admin, requestId: idOf(core), reason: '  ' };
    expect(await denyIntegrationRequest(core.deps, blank)).toEqual({ ok: false, reason: 'reason-required' });
    await core.say(core.admin, 'deny dropbox because we use Box');
    const state = core.store.read();
    expect(state.requests[idOf(core)]).toMatchObject({ state: 'denied', decision: { reason: 'we use Box' } });
    const dmToAda = state.outbox.find((n) => n.target === 'console:ada');
    expect(dmToAda?.view).toMatchObject({ kind: 'decisionResult', outcome: 'denied', reason: 'we use Box' });
  });
});
