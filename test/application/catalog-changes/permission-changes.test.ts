import { describe, expect, it } from 'vitest';
import { runPermissionPass } from '../../../src/application/use-cases/run-permission-pass.js';
import type { MessageView, View } from '../../../src/application/views/view.js';
import { VERBS } from '../../../src/application/views/view.js';
import { CatalogEntry } from '../../../src/domain/catalog.js';
import { permissionSetHash } from '../../../src/domain/permission-change.js';
import { aCore, dm, person } from '../../fakes/core.js';

const ada = person('ada');

/** A core with Jira enabled for all groups, then a catalog where Jira's permissions are `permissions`. */
async function withChangedJira(permissions: string[]) {
  const core = await aCore();
  await core.say(core.admin, 'enable jira for all');
  const approved = core.store.read().installs.jira?.approvedPermissions ?? [];
  const jira = core.deps.catalog.find((e) => e.id === 'jira');
  if (!jira) throw new Error('no jira in the shipped catalog');
  // The engine holds this very catalog: the entry changes in place, as a new CATALOG_FILE would at a start.
  jira.permissions = CatalogEntry.shape.permissions.parse(permissions);
  const pass = () => runPermissionPass(core.deps, { now: core.clock.now() });
  const cards = () =>
    core.store
      .read()
      .outbox.map((n) => n.view as unknown as View)
      .filter((v): v is MessageView => v.kind === 'message' && !!v.actions?.length);
  const click = (actor: typeof ada, verb: string, data: unknown) =>
    core.engine.handleAction({ actor, origin: dm(actor), verb, data });
  return { core, approved, pass, cards, click };
}

describe('permission changes', () => {
  it('records the permissions admins approved when they enable an integration', async () => {
    const core = await aCore();
    await core.say(core.admin, 'enable jira for all');
    const jira = core.deps.catalog.find((e) => e.id === 'jira');
    expect(core.store.read().installs.jira?.approvedPermissions).toEqual(jira?.permissions);
  });

  it('sends one card with exactly what was added and removed, and not again on the next pass', async () => {
    const { approved, pass, cards } = await withChangedJira([]);
    expect(approved.length).toBeGreaterThan(1);
    const { pass: pass2, cards: cards2 } = await withChangedJira([
      ...(approved.slice(1) as string[]),
      'Delete repositories',
    ]);
    expect((await pass()).notices).toEqual([]);
    expect(cards()).toEqual([]);
    const first = await pass2();
    expect(first.notices).toHaveLength(1);
    const [card] = cards2();
    expect(card).toMatchObject({
      tone: 'warning',
      lines: ['Added: Delete repositories', `Removed: ${approved[0]}`],
    });
    expect(card?.actions?.map((a) => [a.verb, a.label])).toEqual([
      [VERBS.approvePermissionChange, 'Approve change'],
      [VERBS.refusePermissionChange, 'Disable'],
    ]);
    expect((await pass2()).notices).toEqual([]);
    expect(cards2()).toHaveLength(1);
  });

  it('approves the change: the new set is approved, audited with both versions, and asked no more', async () => {
    const { core, approved, pass, cards, click } = await withChangedJira([
      'Read issues',
      'Administer projects',
    ]);
    await pass();
    const data = cards()[0]?.actions?.[0]?.data ?? {};
    const reply = await click(core.admin, VERBS.approvePermissionChange, data);
    expect(reply).toMatchObject({ refused: false, card: { kind: 'message', tone: 'success' } });
    expect(core.store.read().installs.jira).toMatchObject({
      status: 'enabled',
      approvedPermissions: ['Read issues', 'Administer projects'],
    });
    const entry = core.audit.entries.find((e) => e.action === 'permissions-approved');
    expect(entry).toMatchObject({ actor: 'console:admin', integrationId: 'jira' });
    for (const p of [...approved, 'Administer projects']) expect(entry?.details).toContain(`"${p}"`);
    expect((await core.say(core.admin, 'changes'))[0]).toMatchObject({ kind: 'list', items: [] });
    const again = await click(core.admin, VERBS.approvePermissionChange, data);
    expect(again).toMatchObject({
      refused: true,
      card: { text: expect.stringContaining('no permission change') },
    });
  });

  it('disables instead: off with its reason, audited, and the card cannot approve it afterwards', async () => {
    const { core, pass, cards, click } = await withChangedJira(['Everything']);
    await pass();
    const [, disable] = cards()[0]?.actions ?? [];
    const reply = await click(core.admin, VERBS.refusePermissionChange, disable?.data ?? {});
    expect(reply.refused).toBe(false);
    expect(core.store.read().installs.jira).toMatchObject({
      status: 'disabled',
      disabledBy: 'permission-change',
    });
    expect(core.audit.entries.find((e) => e.action === 'integration-disabled')?.details).toContain(
      '"Everything"',
    );
    expect(core.textOf(await core.say(core.admin, 'integrations'))).toContain(
      'because its new permissions were not approved (was on for all groups)',
    );
    const late = await click(core.admin, VERBS.approvePermissionChange, disable?.data ?? {});
    expect(late.refused).toBe(true);
    expect(core.store.read().installs.jira?.approvedPermissions).not.toEqual(['Everything']);
    // Turning it on again is approving what it asks for that day.
    await core.say(core.admin, 'enable jira for all');
    expect(core.store.read().installs.jira?.approvedPermissions).toEqual(['Everything']);
  });

  it('refuses members, re-checked from the store, and changes nothing', async () => {
    const { core, pass, cards, click } = await withChangedJira(['Everything']);
    await pass();
    const data = cards()[0]?.actions?.[0]?.data ?? {};
    const reply = await click(ada, VERBS.approvePermissionChange, data);
    expect(reply).toMatchObject({ refused: true, card: { tone: 'error' } });
    expect(core.store.read().installs.jira?.approvedPermissions).not.toEqual(['Everything']);
    expect((await core.say(ada, 'changes'))[0]).toMatchObject({ kind: 'message', tone: 'error' });
    // An admin demoted after the card was sent is refused too.
    await core.say(core.admin, 'admin add console:bob');
    await core.say(core.admin, 'admin remove console:admin');
    expect((await click(core.admin, VERBS.refusePermissionChange, data)).refused).toBe(true);
    expect(core.store.read().installs.jira?.status).toBe('enabled');
  });

  it('refuses a card older than the latest catalog change, naming the newer card', async () => {
    const { core, pass, click } = await withChangedJira(['Everything']);
    await pass();
    const stale = { integrationId: 'jira', set: permissionSetHash(['Something else']) };
    const reply = await click(core.admin, VERBS.approvePermissionChange, stale);
    expect(reply).toMatchObject({ refused: true, card: { text: expect.stringContaining('changed again') } });
  });

  it('refuses bad card data without changing anything', async () => {
    const { core, pass, click } = await withChangedJira(['Everything']);
    await pass();
    for (const data of [{ integrationId: 'jira', set: 'not-hex!' }, { integrationId: 'jira' }, {}]) {
      expect((await click(core.admin, VERBS.approvePermissionChange, data)).refused).toBe(true);
    }
    const unknown = await click(core.admin, VERBS.approvePermissionChange, {
      integrationId: 'nope',
      set: '00000000',
    });
    expect(unknown.refused).toBe(true);
    expect(core.store.read().installs.jira?.status).toBe('enabled');
  });

  it('records a change that only removes permissions as approved, audited, with no card', async () => {
    const { core, approved, pass, cards } = await withChangedJira([]);
    const report = await pass();
    expect(report.changes).toHaveLength(1);
    expect(cards()).toEqual([]);
    expect(core.store.read().installs.jira?.approvedPermissions).toEqual([]);
    const entry = core.audit.entries.find((e) => e.action === 'permissions-approved');
    expect(entry).toMatchObject({ actor: 'system' });
    for (const p of approved) expect(entry?.details).toContain(`"${p}"`);
  });

  it('takes the catalog set as approved for an install older than the check: no card on upgrade', async () => {
    const { core, pass, cards } = await withChangedJira(['Everything']);
    await core.store.update((s) => {
      const jira = s.installs.jira;
      if (jira) jira.approvedPermissions = null;
    });
    expect(await pass()).toEqual({ changes: [], notices: [] });
    expect(cards()).toEqual([]);
    expect(core.store.read().installs.jira?.approvedPermissions).toEqual(['Everything']);
    expect(core.audit.entries.filter((e) => e.action === 'permissions-approved')).toEqual([]);
  });

  it('lists pending changes to admins with the decision buttons', async () => {
    const { core, pass } = await withChangedJira(['Read issues', 'Everything']);
    await pass();
    const [list] = await core.say(core.admin, 'changes');
    expect(list).toMatchObject({
      kind: 'list',
      items: [
        { title: 'Jira', detail: expect.stringMatching(/^Added: Read issues; Everything · Removed: /) },
      ],
    });
    expect(list?.kind === 'list' && list.items[0]?.actions?.map((a) => a.label)).toEqual([
      'Approve change',
      'Disable',
    ]);
  });

  it('leaves a disabled integration alone, and asks once it is on again only if admins did not approve the set', async () => {
    const { core, pass, cards } = await withChangedJira(['Everything']);
    await core.say(core.admin, 'disable jira');
    expect((await pass()).notices).toEqual([]);
    expect(cards()).toEqual([]);
  });
});
