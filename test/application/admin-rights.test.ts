import { describe, expect, it } from 'vitest';
import { applyConfiguredAdmins } from '../../src/application/use-cases/configured-admins.js';
import { changeAdmin } from '../../src/application/use-cases/manage-admins.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
/** A member who renamed themselves after Ada, hoping to be taken for her. */
const mallory = { id: 'console:mallory', name: 'Ada' };

describe('a person in admin and group commands is a mention or an id (docs/commands.md)', () => {
  it('refuses a display name in admin add|remove and group add|remove|admin, changing nothing', async () => {
    const core = await aCore();
    await core.say(core.admin, 'group create Sales');
    await core.say(ada, 'help');
    await core.say(mallory, 'help');
    await core.say(core.admin, 'admin add console:ada');
    const before = JSON.stringify(core.store.read());
    for (const line of [
      'admin add Mallory',
      'admin add @Mallory',
      'admin remove Ada',
      'group Sales add Mallory',
      'group Sales remove Ada',
      'group Sales admin Mallory',
    ]) {
      expect(core.textOf(await core.say(core.admin, line)), line).toContain(
        'Mention the person (@name) or give their id, such as slack:U123, teams:<id> or console:ada; a display name is not enough',
      );
    }
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it('still takes a mention resolved by the channel, and a typed id', async () => {
    const core = await aCore();
    await core.say(core.admin, 'group create Sales');
    const viaMention = await core.engine.handleText({
      actor: core.admin,
      origin: dm(core.admin),
      text: 'admin add @Ada',
      mentions: [{ id: ada.id, name: 'Ada' }],
    });
    expect(core.textOf(viaMention.views)).toContain('Ada is now a system admin');
    expect(core.textOf(await core.say(core.admin, 'group Sales add console:mallory'))).toContain(
      'is in Sales',
    );
    expect(core.store.read().people[mallory.id]?.role).toBe('member');
  });
});

describe('ADMINS', () => {
  it('promotes a listed member seen before, once, with an audit entry by system', async () => {
    const core = await aCore({ settings: { configuredAdmins: [ada.id, 'console:new'] } });
    await core.say(ada, 'help');
    expect(core.store.read().people[ada.id]?.role).toBe('member');
    await applyConfiguredAdmins(core.deps);
    await applyConfiguredAdmins(core.deps);
    expect(core.store.read().people[ada.id]).toMatchObject({ role: 'system-admin', name: 'Ada' });
    expect(core.store.read().people['console:new']).toMatchObject({ role: 'system-admin', name: null });
    const entries = [];
    for await (const e of core.audit.read()) entries.push(e);
    expect(entries.map((e) => [e.actor, e.action, e.details])).toEqual([
      ['system', 'admin-added', 'console:ada (listed in ADMINS)'],
      ['system', 'admin-added', 'console:new (listed in ADMINS)'],
    ]);
  });

  it('answers admin remove of a listed person that the configuration lists them, and keeps them', async () => {
    const core = await aCore({ settings: { configuredAdmins: [ada.id] } });
    await applyConfiguredAdmins(core.deps);
    const remove = (actor: typeof ada, id: string) =>
      changeAdmin(core.deps, { actor, person: { kind: 'id', id }, mentions: [], change: 'remove' });
    expect(await remove(core.admin, ada.id)).toEqual({
      ok: false,
      reason: 'configured-admin',
      person: 'ada',
    });
    expect(core.store.read().people[ada.id]?.role).toBe('system-admin');
    expect(await remove(ada, 'console:admin')).toEqual({ ok: true, change: 'remove', person: 'Admin' });
  });
});
