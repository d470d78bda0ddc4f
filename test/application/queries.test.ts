import { describe, expect, it } from 'vitest';
import { listDeadlines } from '../../src/application/use-cases/list-deadlines.js';
import { listNotices } from '../../src/application/use-cases/list-notices.js';
import { listMyRequests, listRequests } from '../../src/application/use-cases/list-requests.js';
import { showDirectory } from '../../src/application/use-cases/show-directory.js';
import { showPermissions } from '../../src/application/use-cases/show-permissions.js';
import { showReport } from '../../src/application/use-cases/show-report.js';
import { person } from '../fakes/core.js';
import { aDeadlineCore, ada } from './deadlines/deadline-core.js';

const bob = person('bob');

/** Ada asks for Jira, then Zoom, then SurveyMonkey (approved); the admin denies Jira. */
async function aCoreWithRequests() {
  const core = await aDeadlineCore();
  await core.say(ada, 'request Jira because tickets');
  core.clock.advance(60_000);
  await core.say(ada, 'request Zoom');
  core.clock.advance(60_000);
  await core.approve('SurveyMonkey');
  await core.say(core.admin, 'deny Jira because not now');
  return core;
}

const summary = (list: ReturnType<typeof listMyRequests>) =>
  list.requests.map(({ request, entry }) => [entry.id, request.state]);

describe('read-only queries answer with facts', () => {
  it('refuses a member notices, deadlines and the report with not-admin, naming the task and who is admin', async () => {
    const core = await aCoreWithRequests();
    const before = JSON.stringify(core.store.read());
    const admins = ['Admin'];
    expect(listNotices(core.deps, { actor: ada })).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'see-notices',
      admins,
    });
    expect(listDeadlines(core.deps, { actor: ada })).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'see-deadlines',
      admins,
    });
    expect(showReport(core.deps, { actor: ada })).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'see-report',
      admins,
    });
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it("gives a person's own requests newest first with their states, and nobody else's", async () => {
    const core = await aCoreWithRequests();
    await core.say(bob, 'request Zoom');
    const mine = listMyRequests(core.deps, { actor: ada });
    expect(mine).toMatchObject({ ok: true, list: 'mine', total: 3 });
    expect(summary(mine)).toEqual([
      ['surveymonkey', 'approved'],
      ['zoom', 'open'],
      ['jira', 'denied'],
    ]);
    expect(summary(listMyRequests(core.deps, { actor: bob }))).toEqual([['zoom', 'open']]);
    expect(listMyRequests(core.deps, { actor: person('carol') })).toEqual({
      ok: true,
      list: 'mine',
      requests: [],
      total: 0,
    });
  });

  it('gives admins only the open requests, and members asking for requests their own', async () => {
    const core = await aCoreWithRequests();
    const pending = listRequests(core.deps, { actor: core.admin });
    expect(pending).toMatchObject({ ok: true, list: 'pending', total: 1 });
    expect(summary(pending)).toEqual([['zoom', 'open']]);
    expect(pending.requests[0]?.request.requesters.map((r) => r.personId)).toEqual([ada.id]);
    const asMember = listRequests(core.deps, { actor: ada });
    expect(asMember.list).toBe('mine');
    expect(asMember.total).toBe(3);
  });

  it('answers permissions with the catalog entry, or unknown-integration with suggestions', async () => {
    const core = await aDeadlineCore();
    expect(showPermissions(core.deps, { integration: 'jira' })).toMatchObject({
      ok: true,
      entry: { id: 'jira' },
    });
    const unknown = showPermissions(core.deps, { integration: 'Jiraa' });
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown-integration', name: 'Jiraa' });
    expect(unknown.ok ? [] : unknown.suggestions).toContain('Jira');
  });

  it('reports installed and requested integrations with their install facts and last change', async () => {
    const core = await aCoreWithRequests();
    const report = showReport(core.deps, { actor: core.admin });
    if (!report.ok) throw new Error('the admin was refused the report');
    const row = (id: string) => report.rows.find((r) => r.entry.id === id);
    expect(row('zoom')).toMatchObject({ install: null });
    expect(row('surveymonkey')).toMatchObject({
      install: { status: 'enabled', kept: false, groups: 'all groups' },
      lastChange: { by: 'Admin' },
    });
    // A denied request is neither installed nor open: not in the report.
    expect(row('jira')).toBeUndefined();
  });

  it('counts the queued notices and lists them in queue order', async () => {
    const core = await aCoreWithRequests();
    const notices = listNotices(core.deps, { actor: core.admin });
    if (!notices.ok) throw new Error('the admin was refused the notices');
    const queued = core.store.read().outbox.filter((n) => n.state === 'queued');
    expect(notices.queued).toBe(queued.length);
    expect(notices.queued).toBeGreaterThan(0);
    expect(notices.givenUp).toBe(0);
    expect(notices.failing).toBe(0);
    expect(notices.notices.map((n) => n.id)).toEqual(queued.map((n) => n.id));
  });

  it('gives deadlines only for installed integrations whose review has not passed', async () => {
    const core = await aCoreWithRequests();
    const deadlines = listDeadlines(core.deps, { actor: core.admin });
    if (!deadlines.ok) throw new Error('the admin was refused the deadlines');
    expect(deadlines.affected.map((a) => a.entry.id)).toEqual(['surveymonkey']);
  });

  it('gives the directory with each entry and its open request, and whether the person is admin', async () => {
    const core = await aCoreWithRequests();
    const directory = showDirectory(core.deps, { actor: ada });
    expect(directory.isAdmin).toBe(false);
    const open = (id: string) => directory.entries.find((e) => e.entry.id === id)?.open?.state;
    expect([open('zoom'), open('jira'), open('surveymonkey')]).toEqual(['open', undefined, undefined]);
    expect(showDirectory(core.deps, { actor: core.admin }).isAdmin).toBe(true);
  });
});
