import { describe, expect, it } from 'vitest';
import { tellRequesters } from '../../../src/application/tell-requesters.js';
import type { RequestListView } from '../../../src/application/views/view.js';
import { VERBS } from '../../../src/application/views/view.js';
import { ada, aLifecycleCore, bob, daysIn, eve } from './lifecycle-core.js';

const dmOf = (sent: { target: string; view: unknown }[], target: string) =>
  sent.filter((m) => m.target === target).map((m) => m.view);

describe('requesters are told of every change, with the reason', () => {
  it('tells each requester of a denial and its reason in a direct message', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    await core.say(bob, 'request jira');
    await core.worker.runOnce();
    const before = core.console.sent.length;
    await core.say(core.admin, 'deny jira because we use Linear');
    await core.worker.runOnce();
    const sent = core.console.sent.slice(before);
    for (const who of [ada, bob]) {
      expect(dmOf(sent, who.id)).toEqual([
        expect.objectContaining({ kind: 'decisionResult', outcome: 'denied', reason: 'we use Linear' }),
      ]);
    }
  });

  it('tells each requester of an approval and its scope', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    const [step] = await core.say(core.admin, 'approve jira for all');
    const add = step?.kind === 'permissions' ? step.actions[0] : undefined;
    await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: core.admin.id, kind: 'personal' },
      verb: add?.verb ?? 'none',
      data: add?.data ?? {},
    });
    await core.worker.runOnce();
    expect(dmOf(core.console.sent, ada.id)).toContainEqual(
      expect.objectContaining({
        kind: 'decisionResult',
        outcome: 'approved',
        text: expect.stringContaining('all groups'),
      }),
    );
  });

  it('words the changes other features report: blocked and time-box ended, each with its reason, once per person', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    const state = core.store.read();
    const request = Object.values(state.requests)[0];
    const entry = core.deps.catalog.find((e) => e.id === 'jira');
    if (!request || !entry) throw new Error('no request');
    await core.store.update((draft) => {
      draft.requests[request.id]?.requesters.push({ personId: ada.id, reason: null, at: request.createdAt });
      const told = tellRequesters(draft, {
        request: draft.requests[request.id] ?? request,
        entry,
        now: new Date(daysIn(1)),
        news: { change: 'blocked', by: 'Admin', reason: 'security review failed' },
      });
      expect(told).toBe(1);
      tellRequesters(draft, {
        request,
        entry,
        now: new Date(daysIn(1)),
        news: { change: 'time-box-ended', groups: 'all groups', lastDay: '2026-11-29' },
      });
    });
    const queued = core.store
      .read()
      .outbox.filter((n) => n.target === ada.id)
      .map((n) => n.view);
    expect(queued).toEqual([
      expect.objectContaining({
        text: 'Jira was blocked by Admin; your request is closed.',
        lines: ['Reason: security review failed'],
      }),
      expect.objectContaining({
        text: 'Jira is off now: its approval for all groups ran until 29 Nov 2026. Ask again if you still need it.',
        actions: [expect.objectContaining({ label: 'Request again', data: { integrationId: 'jira' } })],
      }),
    ]);
  });
});

describe('Request again', () => {
  const expiredFor = async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira because we track bugs there');
    const id = core.store.read().openRequests.jira as string;
    await core.passAt(daysIn(30));
    return { core, id };
  };
  const click = (core: Awaited<ReturnType<typeof aLifecycleCore>>, who: typeof ada, requestId: string) =>
    core.engine.handleAction({
      actor: who,
      origin: { conversationId: who.id, kind: 'personal' },
      verb: VERBS.requestAgain,
      data: { requestId },
    });

  it('re-files the request in one click with the requester’s reason kept, and raises a new admin card', async () => {
    const { core, id } = await expiredFor();
    const reply = await click(core, ada, id);
    expect(reply).toMatchObject({ refused: false, card: { kind: 'requestReceipt', joined: false } });
    const state = core.store.read();
    const renewed = state.requests[state.openRequests.jira as string];
    expect(renewed?.id).not.toBe(id);
    expect(renewed?.requesters).toEqual([
      expect.objectContaining({ personId: ada.id, reason: 'we track bugs there' }),
    ]);
    const before = core.console.sent.length;
    await core.worker.runOnce();
    expect(core.console.sent.slice(before)).toContainEqual(
      expect.objectContaining({
        target: 'console:#admins',
        kind: 'post',
        view: expect.objectContaining({ requestId: renewed?.id }),
      }),
    );
  });

  it('answers a second click as already asked, filing nothing twice', async () => {
    const { core, id } = await expiredFor();
    await click(core, ada, id);
    const again = await click(core, ada, id);
    expect(JSON.stringify(again)).toContain('You already asked for Jira');
    expect(Object.keys(core.store.read().requests)).toHaveLength(2);
  });

  it('refuses someone who was not a requester, as for an unknown id, and a request that is not expired', async () => {
    const { core, id } = await expiredFor();
    expect(await click(core, eve, id)).toMatchObject({
      refused: true,
      card: { text: 'That request no longer exists.' },
    });
    await click(core, ada, id);
    const open = core.store.read().openRequests.jira as string;
    expect(await click(core, ada, open)).toMatchObject({ refused: true });
    expect(await click(core, ada, 'r999-nothing')).toMatchObject({ refused: true });
    expect(Object.keys(core.store.read().requests)).toHaveLength(2);
  });
});

describe('my requests', () => {
  it('lists each of one’s requests with its state, when asked, and when and by whom it was decided or expired', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira because bugs');
    await core.say(ada, 'request dropbox');
    await core.say(ada, 'request zoom');
    await core.say(core.admin, 'deny dropbox because we use Box');
    core.clock.set(daysIn(1));
    const [step] = await core.say(core.admin, 'approve zoom for all');
    const add = step?.kind === 'permissions' ? step.actions[0] : undefined;
    await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: core.admin.id, kind: 'personal' },
      verb: add?.verb ?? 'none',
      data: add?.data ?? {},
    });
    await core.passAt(daysIn(30));
    const [list] = (await core.say(ada, 'my requests')) as RequestListView[];
    const byName = Object.fromEntries((list?.items ?? []).map((i) => [i.integration.name, i]));
    expect(byName.Jira).toMatchObject({
      state: 'expired',
      detail: 'Asked 4 Jan 2027 · expired 3 Feb 2027: no decision in time',
      actions: [{ verb: VERBS.requestAgain, data: { requestId: expect.any(String) } }],
    });
    expect(byName.Dropbox).toMatchObject({
      state: 'denied',
      detail: 'Asked 4 Jan 2027 · denied 4 Jan 2027 by Admin: we use Box',
      actions: [],
    });
    expect(byName.Zoom).toMatchObject({
      state: 'approved',
      detail: 'Asked 4 Jan 2027 · approved 5 Jan 2027 by Admin for all groups',
      actions: [],
    });
  });

  it('drops Request again once a newer request for the same integration is open', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    await core.passAt(daysIn(30));
    await core.say(ada, 'request jira');
    const [list] = (await core.say(ada, 'my requests')) as RequestListView[];
    expect(list?.items.map((i) => [i.state, i.actions.length])).toEqual([
      ['open', 0],
      ['expired', 0],
    ]);
    expect(list?.items[0]?.detail).toBe('Asked 3 Feb 2027 · waiting for a decision');
  });
});
