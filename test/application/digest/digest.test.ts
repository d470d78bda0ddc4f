import { describe, expect, it } from 'vitest';
import { runDigestPass } from '../../../src/application/use-cases/run-digest-pass.js';
import { showDigest } from '../../../src/application/use-cases/show-digest.js';
import type { ListView } from '../../../src/application/views/view.js';
import { aCore, dm, person } from '../../fakes/core.js';

const ada = person('ada');
const bo = person('bo');
const cy = person('cy');
const ops = { conversationId: 'console:#ops', kind: 'channel', name: 'ops' } as const;
const it2 = { conversationId: 'console:#it', kind: 'channel', name: 'it' } as const;

/** Monday 1 Feb 2027 is a digest day (weekly mon 09:00 UTC). */
async function aDigestCore(input: { now?: string; digest?: 'off' | 'daily' } = {}) {
  const digest =
    input.digest === 'off'
      ? ({ kind: 'off' } as const)
      : input.digest === 'daily'
        ? ({ kind: 'daily', hour: 9, minute: 0 } as const)
        : undefined;
  const core = await aCore({ now: input.now ?? '2027-01-27T10:00:00Z', settings: digest ? { digest } : {} });
  const digests = () =>
    core.store
      .read()
      .outbox.filter((n) => (n.view as { title?: string }).title?.includes('digest'))
      .map((n) => ({ target: n.target, view: n.view as unknown as ListView }));
  const passAt = async (at: string) => {
    core.clock.set(at);
    return runDigestPass(core.deps, { now: core.clock.now() });
  };
  const writes = { count: 0 };
  const update = core.store.update.bind(core.store);
  core.store.update = (change) => {
    writes.count += 1;
    return update(change);
  };
  return { ...core, digests, passAt, writes };
}

describe('showDigest', () => {
  it('refuses a member, naming the task', async () => {
    const core = await aDigestCore();
    expect(showDigest(core.deps, { actor: ada })).toMatchObject({
      ok: false,
      reason: 'not-admin',
      task: 'see-digest',
    });
  });

  it('has nothing to say on a quiet account', async () => {
    const core = await aDigestCore();
    expect(showDigest(core.deps, { actor: core.admin })).toMatchObject({ ok: true, empty: true });
    const [view] = await core.say(core.admin, 'digest');
    expect(view).toMatchObject({ kind: 'message', text: expect.stringContaining('Nothing to report') });
  });

  it('ranks open requests by requesters, then names the oldest of the others', async () => {
    const core = await aDigestCore({ now: '2027-01-10T10:00:00Z' });
    await core.say(ada, 'request box');
    for (const name of ['jira', 'zoom', 'dropbox', 'quip']) {
      core.clock.advance(3_600_000);
      await core.say(ada, `request ${name}`);
    }
    core.clock.advance(3_600_000);
    for (const who of [bo, cy]) await core.say(who, 'request zoom');
    await core.say(bo, 'request quip');
    await core.say(bo, 'request dropbox');
    const digest = showDigest(core.deps, { actor: core.admin });
    if (!digest.ok) throw new Error('refused');
    expect(digest.mostRequested.map((r) => [r.entry.id, r.request.requesters.length])).toEqual([
      ['zoom', 3],
      ['dropbox', 2],
      ['quip', 2],
    ]);
    expect(digest.oldest.map((r) => r.entry.id)).toEqual(['box', 'jira']);
    const [card] = await core.say(core.admin, 'digest');
    expect(card).toMatchObject({ kind: 'list', title: 'Weekly digest, 10 Jan 2027' });
    const items = (card as ListView).items;
    expect(items.map((i) => i.title)).toEqual([
      'Most requested: Zoom',
      'Most requested: Dropbox',
      'Most requested: Quip',
      'Waiting longest: Box',
      'Waiting longest: Jira',
    ]);
    expect(items[0]?.detail).toBe('3 people asked · first on 10 Jan 2027 (today)');
    expect(items.at(-1)).not.toMatchObject({ title: 'Not shown' });

    await core.say(cy, 'request salesforce');
    const [fuller] = await core.say(core.admin, 'digest');
    expect((fuller as ListView).items.at(-1)).toEqual({
      title: 'Not shown',
      detail: '1 more open request ("requests")',
    });
    expect(items[0]?.actions?.filter((a) => !a.secondary).map((a) => a.label)).toEqual([
      'Approve for all',
      'Deny',
    ]);
  });

  it('names review dates and time-boxed approvals ending within a fortnight, with their actions', async () => {
    const core = await aDigestCore({ now: '2027-01-20T10:00:00Z' });
    await core.say(core.admin, 'enable surveymonkey for all');
    await core.say(core.admin, 'enable zoom for all');
    await core.say(core.admin, 'enable box for all');
    await core.store.update((state) => {
      const zoom = state.installs.zoom;
      const box = state.installs.box;
      if (zoom) zoom.endsAt = '2027-01-25T12:00:00Z';
      if (box) box.endsAt = '2027-03-01T12:00:00Z';
    });
    const [card] = await core.say(core.admin, 'digest');
    const items = (card as ListView).items;
    expect(items.map((i) => i.title)).toEqual([
      'Review deadline: SurveyMonkey — 103 days left',
      'Approval ends: Zoom — in 5 days',
    ]);
    expect(items[0]?.actions?.map((a) => a.label)).toEqual(['Keep until 3 May', 'Disable now']);
    expect(items[1]?.detail).toBe('Time-boxed: on until 25 Jan 2027, off after that day');
    expect(items[1]?.actions).toEqual([
      {
        verb: 'disableIntegration',
        label: 'Disable now',
        data: { integrationId: 'zoom' },
        style: 'destructive',
      },
    ]);
    core.clock.set('2027-01-10T10:00:00Z');
    const early = showDigest(core.deps, { actor: core.admin });
    expect(early).toMatchObject({ ok: true, deadlines: [] });
  });
});

describe('runDigestPass', () => {
  it('sends one card per admin channel per period, none when there is nothing to say, and nothing twice', async () => {
    const core = await aDigestCore({ now: '2027-01-27T10:00:00Z' });
    await core.say(core.admin, 'notify here', ops);
    await core.say(core.admin, 'notify here', it2);

    // Wednesday: the period of Monday 25 Jan has nothing to say; it is marked done all the same.
    expect(await core.passAt('2027-01-27T10:00:00Z')).toMatchObject({
      period: '2027-01-25',
      notices: [],
      skipped: 'nothing-to-report',
    });
    await core.say(ada, 'request jira', dm(ada));
    expect((await core.passAt('2027-01-31T23:59:00Z')).notices).toEqual([]);
    expect(core.digests()).toEqual([]);

    // Monday 1 Feb, 08:59: not yet; 09:00: one card for each channel.
    expect(await core.passAt('2027-02-01T08:59:00Z')).toMatchObject({
      period: '2027-01-25',
      notices: [],
      skipped: 'already-sent',
    });
    expect((await core.passAt('2027-02-01T09:00:00Z')).notices).toEqual([
      'digest 2027-02-01 → console:#ops',
      'digest 2027-02-01 → console:#it',
    ]);
    expect((await core.passAt('2027-02-01T09:01:00Z')).notices).toEqual([]);
    expect((await core.passAt('2027-02-07T23:00:00Z')).notices).toEqual([]);
    expect(core.digests().map((d) => d.target)).toEqual(['console:#ops', 'console:#it']);
    expect(core.digests()[0]?.view.items.map((i) => i.title)).toEqual(['Most requested: Jira']);

    // The next Monday: again one each; only the current period's keys are kept.
    expect((await core.passAt('2027-02-08T12:00:00Z')).notices).toHaveLength(2);
    expect(core.digests()).toHaveLength(4);
    const keys = Object.keys(core.store.read().sentKeys).filter((k) => k.startsWith('digest:'));
    expect(keys.sort()).toEqual(['digest:console:#it:2027-02-08', 'digest:console:#ops:2027-02-08']);
  });

  it('goes to each system admin directly when there is no admin channel', async () => {
    const core = await aDigestCore({ now: '2027-02-01T09:30:00Z' });
    await core.say(ada, 'request jira');
    expect((await core.passAt('2027-02-01T09:30:00Z')).notices).toEqual([
      'digest 2027-02-01 → console:admin',
    ]);
  });

  it('daily: one a day; off: none, and nothing written', async () => {
    const daily = await aDigestCore({ now: '2027-02-01T09:30:00Z', digest: 'daily' });
    await daily.say(ada, 'request jira');
    await daily.passAt('2027-02-01T09:30:00Z');
    await daily.passAt('2027-02-01T20:00:00Z');
    await daily.passAt('2027-02-02T09:00:00Z');
    expect(daily.digests()).toHaveLength(2);

    const off = await aDigestCore({ now: '2027-02-01T09:30:00Z', digest: 'off' });
    await off.say(ada, 'request jira');
    const before = off.writes.count;
    expect(await off.passAt('2027-02-01T09:30:00Z')).toEqual({
      at: '2027-02-01T09:30:00.000Z',
      period: null,
      notices: [],
      skipped: null,
    });
    expect(off.writes.count).toBe(before);
  });

  it('writes nothing on a pass that owes nothing', async () => {
    const core = await aDigestCore({ now: '2027-02-01T09:30:00Z' });
    await core.passAt('2027-02-01T09:30:00Z');
    const before = core.writes.count;
    expect(before).toBeGreaterThan(0);
    await core.passAt('2027-02-01T10:30:00Z');
    expect(core.writes.count).toBe(before);
  });
});
