import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/application/views/view.js';
import { ADMINS_CHANNEL, ada, aLifecycleCore, bob, daysIn } from './lifecycle-core.js';

const requestId = (core: { store: { read(): { openRequests: Record<string, string> } } }) =>
  core.store.read().openRequests.jira as string;

describe('runRequestPass', () => {
  it('raises a request again once in the admin channel past the remind delay, saying how long it waited', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira because we track bugs there');
    await core.worker.runOnce();
    const reached = [];
    for (let h = 0; h <= 4 * 24; h += 6) reached.push(...(await core.passAt(daysIn(h / 24))).sent);
    const reminders = reached.filter((m) => m.view.kind === 'requestNotice');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      kind: 'post',
      target: ADMINS_CHANNEL,
      view: { waiting: 'Waiting 2 days', state: 'open', requestId: requestId(core) },
    });
    expect(reminders[0]?.view.kind === 'requestNotice' && reminders[0].view.actions.length).toBeGreaterThan(
      0,
    );
  });

  it('does not remind before the delay, to the minute', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    const early = await core.passAt(new Date(Date.parse(daysIn(2)) - 60_000).toISOString());
    expect(early.report.notices).toEqual([]);
    expect((await core.passAt(daysIn(2))).report.notices).toEqual([
      expect.stringMatching(/^reminder \(Jira, r1-[\w-]+\) → console:#admins$/),
    ]);
  });

  it('escalates once to every system admin directly past the escalate delay', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    await core.passAt(daysIn(2));
    const sent = [];
    for (let d = 3; d <= 10; d += 0.5) sent.push(...(await core.passAt(daysIn(d))).sent);
    const escalations = sent.filter((m) => m.view.kind === 'requestNotice');
    expect(escalations.map((m) => m.target).sort()).toEqual(['console:admin', 'console:root']);
    expect(escalations[0]?.view).toMatchObject({ waiting: 'Waiting 5 days' });
  });

  it('after downtime sends only the newest step due: the escalation, not a stale reminder too', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    const first = await core.passAt(daysIn(6));
    expect(first.report.notices).toEqual([expect.stringMatching(/^escalation/)]);
    expect((await core.passAt(daysIn(7))).sent).toEqual([]);
  });

  it('sends nothing for a request decided meanwhile, and never expires it', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    await core.say(core.admin, 'deny jira because we use Linear');
    await core.worker.runOnce();
    for (const d of [2, 5, 30, 60]) {
      const { report, sent } = await core.passAt(daysIn(d));
      expect(report).toMatchObject({ changes: [], notices: [] });
      expect(sent).toEqual([]);
    }
    expect(Object.values(core.store.read().requests)[0]?.state).toBe('denied');
  });

  it('expires a request past the expire delay: audited, requesters told with Request again, admin cards say Expired', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira because we track bugs there');
    await core.say(bob, 'request jira');
    await core.worker.runOnce();
    const id = requestId(core);
    const { report, sent } = await core.passAt(daysIn(30));
    expect(report.changes).toEqual([`Jira: request ${id} expired after 30 days`]);
    const request = core.store.read().requests[id];
    expect(request).toMatchObject({ state: 'expired', expiredAt: daysIn(30) });
    expect(core.store.read().openRequests.jira).toBeUndefined();
    expect(core.audit.entries).toContainEqual(
      expect.objectContaining({ actor: 'scheduler', action: 'request-expired', integrationId: 'jira' }),
    );
    const dms = sent.filter((m) => m.target === ada.id || m.target === bob.id);
    expect(dms.map((m) => m.target).sort()).toEqual([ada.id, bob.id]);
    expect(dms[0]?.view).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('expired'),
      actions: [{ verb: VERBS.requestAgain, label: 'Request again', data: { requestId: id } }],
    });
    const card = sent.find((m) => m.target === ADMINS_CHANNEL);
    expect(card).toMatchObject({ kind: 'update', view: { state: 'expired', actions: [] } });
    expect(card?.view.kind === 'requestNotice' && card.view.decisionLine).toMatch(/^Expired on 3 Feb 2027/);
    expect((await core.passAt(daysIn(31))).sent).toEqual([]);
  });

  it('refuses to decide an expired request, by card or by command, and changes nothing', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    const id = requestId(core);
    await core.passAt(daysIn(30));
    const click = await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: ADMINS_CHANNEL, kind: 'channel' },
      verb: VERBS.confirmApprove,
      data: { requestId: id, scope: 'all' },
    });
    expect(click.refused).toBe(true);
    expect(JSON.stringify(click.views)).toContain('expired on 3 Feb 2027 without a decision');
    const deny = await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: ADMINS_CHANNEL, kind: 'channel' },
      verb: VERBS.denyRequest,
      data: { requestId: id },
      inputs: { reason: 'too late' },
    });
    expect(deny.refused).toBe(true);
    for (const text of ['approve jira for all', 'deny jira because too late']) {
      expect(await core.say(core.admin, text)).toEqual([
        expect.objectContaining({
          tone: 'info',
          text: expect.stringMatching(
            /^The request for Jira expired on 3 Feb 2027 without a decision, so there is nothing to (approve|deny); nothing was changed/,
          ),
        }),
      ]);
    }
    expect(core.store.read().installs.jira).toBeUndefined();
    expect(core.store.read().requests[id]).toMatchObject({ state: 'expired', decision: null });
  });

  it('records what it queued in sentKeys, in the same change, so a second pass at the same time queues nothing', async () => {
    const core = await aLifecycleCore();
    await core.say(ada, 'request jira');
    expect((await core.passAt(daysIn(2.5))).report.notices).toHaveLength(1);
    expect((await core.passAt(daysIn(2.5))).report.notices).toEqual([]);
    expect(Object.keys(core.store.read().sentKeys)).toEqual([`request-remind:${requestId(core)}`]);
  });
});
