import { describe, expect, it } from 'vitest';
import { addCustomIntegration } from '../../src/application/use-cases/add-custom-integration.js';
import { createExportLink, openExport } from '../../src/application/use-cases/export-history.js';
import { changeAdmin } from '../../src/application/use-cases/manage-admins.js';
import { removeIntegration } from '../../src/application/use-cases/remove-integration.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
const gina = person('gina');

async function setUp(plan: 'business' | 'enterprise' = 'business') {
  const core = await aCore({ settings: { plan } });
  for (const line of [
    'group create Sales',
    'group create Eng',
    'group Sales add console:ada',
    'group Sales admin console:gina',
  ]) {
    await core.say(core.admin, line);
  }
  return core;
}

describe('managing integrations', () => {
  it('enables for more groups, disables keeping settings, re-enables and removes', async () => {
    const core = await setUp();
    await core.say(core.admin, 'enable jira for Sales');
    await core.say(core.admin, 'enable jira for Eng');
    expect(core.store.read().installs.jira?.scope).toEqual({ kind: 'groups', groups: ['sales', 'eng'] });
    await core.say(core.admin, 'disable jira');
    expect(core.store.read().installs.jira).toMatchObject({
      status: 'disabled',
      scope: { groups: ['sales', 'eng'] },
    });
    await core.say(core.admin, 'enable jira for all');
    expect(core.store.read().installs.jira).toMatchObject({ status: 'enabled', scope: { kind: 'all' } });
    await core.say(core.admin, 'remove jira');
    expect(core.store.read().installs.jira).toBeUndefined();
  });

  it('lets a group admin remove from their own group after confirming, and nowhere else', async () => {
    const core = await setUp();
    await core.say(core.admin, 'enable zoom for Sales, Eng');
    const remove = (integration: string, group: string | null) =>
      removeIntegration(core.deps, { actor: gina, integration, group, confirmed: false });
    expect(await remove('zoom', 'Eng')).toEqual({ ok: false, reason: 'not-group-admin', group: 'Eng' });
    expect(await remove('zoom', null)).toMatchObject({
      ok: false,
      reason: 'not-admin',
      task: 'remove-integrations',
      removableFromGroup: 'zoom',
    });
    const ask = await core.say(gina, 'remove zoom from Sales');
    expect(core.store.read().installs.zoom?.scope).toEqual({ kind: 'groups', groups: ['sales', 'eng'] });
    const confirm = (ask[0] as { actions?: { verb: string; data: Record<string, string> }[] }).actions?.[0];
    expect(confirm).toMatchObject({
      verb: 'confirmGroupRemoval',
      data: { integrationId: 'zoom', groupId: 'sales' },
    });
    await core.engine.handleAction({
      actor: gina,
      origin: dm(gina),
      verb: confirm?.verb ?? '',
      data: confirm?.data,
    });
    expect(core.store.read().installs.zoom?.scope).toEqual({ kind: 'groups', groups: ['eng'] });
    // A member replaying the confirmation is refused.
    const replay = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'confirmGroupRemoval',
      data: { integrationId: 'zoom', groupId: 'eng' },
    });
    expect(replay.refused).toBe(true);
    expect(core.store.read().installs.zoom?.scope).toEqual({ kind: 'groups', groups: ['eng'] });
  });

  it('needs the Enterprise plan for a group admin to remove a custom integration', async () => {
    for (const plan of ['business', 'enterprise'] as const) {
      const core = await setUp(plan);
      await core.store.update((s) => {
        s.customIntegrations.push({
          id: 'inhouse',
          name: 'Inhouse',
          vendor: 'Us',
          description: '',
          permissions: [],
          linkHosts: [],
          aliases: [],
          review: { state: 'passed' },
          custom: true,
        });
      });
      await core.say(core.admin, 'enable inhouse for Sales');
      const outcome = await removeIntegration(core.deps, {
        actor: gina,
        integration: 'inhouse',
        group: 'Sales',
        confirmed: false,
      });
      if (plan === 'business')
        expect(outcome).toEqual({
          ok: false,
          reason: 'plan-too-small',
          subject: 'group-admin-removal',
          needed: 'enterprise',
          current: 'business',
        });
      else expect(outcome).toMatchObject({ ok: true, result: 'confirm', group: { id: 'sales' } });
    }
  });

  it('refuses every admin command from a member and changes nothing', async () => {
    const core = await setUp();
    await core.say(core.admin, 'enable box for all');
    // People are noted with their display names when they speak; everything else must stay.
    const snapshot = () => JSON.stringify({ ...core.store.read(), people: null });
    const before = snapshot();
    for (const line of [
      'enable jira for all',
      'disable box',
      'remove box',
      'report',
      'export',
      'notify here',
      'admin add console:ada',
      'group create X',
      'group Sales add console:zed',
      'requests',
    ]) {
      const views = await core.say(ada, line);
      if (line === 'requests') expect(views[0]).toMatchObject({ title: 'Your requests' });
      else expect(core.textOf(views), line).toContain('Only system admins');
    }
    expect(snapshot()).toBe(before);
  });

  it('never removes the last system admin', async () => {
    const core = await setUp();
    const change = (actor: typeof ada, id: string, what: 'add' | 'remove') =>
      changeAdmin(core.deps, { actor, person: { kind: 'id', id }, mentions: [], change: what });
    expect(await change(core.admin, 'console:admin', 'remove')).toEqual({ ok: false, reason: 'last-admin' });
    expect(await change(core.admin, ada.id, 'add')).toEqual({ ok: true, change: 'add', person: 'ada' });
    expect(await change(ada, 'console:admin', 'remove')).toEqual({
      ok: true,
      change: 'remove',
      person: 'Admin',
    });
    expect(await change(core.admin, ada.id, 'remove')).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'manage-admins',
      admins: ['ada'],
    });
    expect(core.textOf(await core.say(core.admin, 'report'))).toContain('Only system admins');
  });
});

describe('report and export', () => {
  it('lists installed and requested integrations with groups, permissions and last change', async () => {
    const core = await setUp();
    await core.say(ada, 'request jira because bugs');
    await core.say(core.admin, 'enable dropbox for Sales');
    const [report] = await core.say(core.admin, 'report');
    expect(report).toMatchObject({ kind: 'report' });
    const rows = (
      report as { rows: { integration: { id: string }; state: string; groups: string; lastChange: string }[] }
    ).rows;
    expect(rows.find((r) => r.integration.id === 'dropbox')).toMatchObject({
      state: 'enabled',
      groups: 'Sales',
      lastChange: expect.stringContaining('integration-enabled by Admin'),
    });
    // A requested integration is on for no group yet: no scope to show, not a dash beside its state.
    expect(rows.find((r) => r.integration.id === 'jira')).toMatchObject({ state: 'requested', groups: '' });
  });

  it('signs export links that expire after 15 minutes and refuse tampering', async () => {
    const core = await setUp();
    await core.say(core.admin, 'enable dropbox for Sales');
    const link = createExportLink(core.deps, { actor: core.admin, integration: 'dropbox' });
    if (!link.ok) throw new Error(JSON.stringify(link));
    expect(link).toMatchObject({ integration: { id: 'dropbox' }, expiresAt: '2026-11-22T10:57:00.000Z' });
    const token = link.url.split('/exports/')[1] ?? '';
    const opened = openExport(core.deps, token);
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      const entries = [];
      for await (const e of opened.entries) entries.push(e);
      expect(entries.map((e) => e.action)).toEqual(['integration-enabled']);
    }
    expect(openExport(core.deps, `${token}x`)).toEqual({ ok: false, reason: 'link-invalid', flow: 'export' });
    core.clock.advance(16 * 60_000);
    expect(openExport(core.deps, token)).toEqual({ ok: false, reason: 'link-expired', flow: 'export' });
  });
});

describe('addCustomIntegration', () => {
  it('adds an admin-made integration that members can request and links that unfurl', async () => {
    const core = await setUp();
    const added = await core.say(core.admin, 'integration add Acme Wiki link https://wiki.acme.test/home');
    expect(core.textOf(added)).toContain('Acme Wiki was added to the directory (links to wiki.acme.test)');
    expect(core.store.read().customIntegrations).toMatchObject([
      { id: 'acme-wiki', custom: true, linkHosts: ['wiki.acme.test'] },
    ]);
    expect((await core.say(ada, 'request acme wiki'))[0]).toMatchObject({
      kind: 'requestReceipt',
      integration: { id: 'acme-wiki' },
    });
    expect(core.engine.offerForLink({ actor: ada, url: 'https://wiki.acme.test/page/1' })).toMatchObject({
      text: 'Request Acme Wiki for your groups?',
    });
    expect(core.textOf(await core.say(core.admin, 'integration add jira'))).toContain(
      'already in the directory',
    );
  });

  it('refuses members, bad hosts and the free plan', async () => {
    const core = await setUp();
    const add = (c: typeof core, actor: typeof ada, name: string, host: string | null = null) =>
      addCustomIntegration(c.deps, { actor, name, host });
    expect(await add(core, ada, 'Mine')).toMatchObject({ ok: false, reason: 'not-admin' });
    expect(await add(core, core.admin, 'X', 'not a host')).toMatchObject({
      ok: false,
      reason: 'bad-custom-integration',
      field: 'linkHosts.0',
    });
    expect(await add(core, core.admin, 'Acme, Inc')).toMatchObject({
      ok: false,
      reason: 'bad-custom-integration',
      field: 'name',
    });
    expect(core.textOf(await core.say(core.admin, 'integration add Acme, Inc'))).toContain(
      "can't be added: name — a name without commas",
    );
    const free = await aCore({ settings: { plan: 'free' } });
    expect(await add(free, free.admin, 'Mine')).toMatchObject({
      ok: false,
      reason: 'plan-too-small',
      subject: 'custom-integrations',
    });
    expect(core.store.read().customIntegrations).toEqual([]);
  });
});

describe('names that are also Object.prototype keys', () => {
  it('refuses a custom integration named "constructor", whose id would read Object\'s, and the directory still shows', async () => {
    const core = await aCore();
    const added = await addCustomIntegration(core.deps, {
      actor: core.admin,
      name: 'Constructor',
      host: null,
    });
    expect(added).toMatchObject({ ok: false, reason: 'bad-custom-integration', field: 'id' });
    expect(core.store.read().customIntegrations).toEqual([]);
    const [directory] = await core.say(core.admin, 'integrations');
    expect(directory).toMatchObject({ kind: 'directory' });
  });

  it('creates a group named "constructor" rather than calling it an existing one', async () => {
    const core = await aCore();
    expect(core.textOf(await core.say(core.admin, 'group create constructor'))).toContain(
      'Group constructor created.',
    );
    expect(core.store.read().groups.constructor).toMatchObject({ name: 'constructor', members: [] });
  });
});
