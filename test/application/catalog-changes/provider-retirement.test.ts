import { describe, expect, it } from 'vitest';
import { runRetirementPass } from '../../../src/application/use-cases/run-retirement-pass.js';
import { buildProviderView, retirementNotice } from '../../../src/application/views/provider-view.js';
import type { View } from '../../../src/application/views/view.js';
import { VERBS } from '../../../src/application/views/view.js';
import { providerFacts } from '../../../src/domain/provider.js';
import { aCore, dm, person } from '../../fakes/core.js';

async function withProvider(current: 'skype' | 'hangouts' | 'none') {
  const core = await aCore({ now: '2026-11-29T09:00:00Z' });
  await core.store.update((s) => {
    s.provider.current = current;
    s.provider.setBy = 'console:admin';
    s.provider.setAt = '2020-01-06T09:00:00Z';
  });
  const pass = () => runRetirementPass(core.deps, { now: core.clock.now() });
  const notices = () => core.store.read().outbox.map((n) => n.view as unknown as View);
  return { core, pass, notices };
}

describe('provider retirement', () => {
  it('says on `provider` when the current one was retired, and what succeeds it', async () => {
    const { core } = await withProvider('skype');
    const [view] = await core.say(person('ada'), 'provider');
    expect(view).toMatchObject({
      kind: 'provider',
      text: expect.stringContaining(
        'Skype for Business was retired on 31 Jul 2021. Microsoft Teams succeeds it: switch with set provider teams.',
      ),
    });
  });

  it('says "retiring on" before the date', () => {
    const facts = providerFacts(
      { current: 'hangouts', setBy: null, setAt: null, consent: null, pending: null },
      { now: new Date('2022-10-01T00:00:00Z'), nameOf: (id) => id },
    );
    expect(buildProviderView(facts, { timeZone: 'Pacific/Auckland' }).text).toContain(
      'Google Hangouts is retiring on 1 Nov 2022. Google Chat succeeds it',
    );
  });

  it('says nothing of retirement for a provider that is not retired', async () => {
    const { core } = await withProvider('none');
    expect(core.textOf(await core.say(core.admin, 'provider'))).not.toContain('retir');
  });

  it('tells admins once, with a one-click switch to the successor', async () => {
    const { pass, notices } = await withProvider('hangouts');
    expect(await pass()).toHaveLength(1);
    expect(notices()).toEqual([
      expect.objectContaining({
        kind: 'message',
        text: 'Your chat provider: Google Hangouts was retired on 1 Nov 2022.',
        actions: [expect.objectContaining({ verb: VERBS.switchProvider, label: 'Switch to Google Chat' })],
      }),
    ]);
    expect(await pass()).toEqual([]);
    expect(notices()).toHaveLength(1);
  });

  it('tells nobody when the provider has no retirement', async () => {
    const { pass, notices } = await withProvider('none');
    expect(await pass()).toEqual([]);
    expect(notices()).toEqual([]);
  });

  it('switches to Google Chat at once from the notice', async () => {
    const { core, pass, notices } = await withProvider('hangouts');
    await pass();
    const action = notices()[0]?.kind === 'message' ? notices()[0] : null;
    const data = action?.kind === 'message' ? action.actions?.[0]?.data : undefined;
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: dm(core.admin),
      verb: VERBS.switchProvider,
      data,
    });
    expect(reply.refused).toBe(false);
    expect(core.store.read().provider).toMatchObject({ current: 'google-chat', setBy: 'console:admin' });
    expect(core.audit.entries.at(-1)).toMatchObject({
      action: 'provider-set',
      details: 'hangouts → google-chat',
    });
  });

  it('switches from Skype to Microsoft Teams through Office 365 consent, the provider unchanged meanwhile', async () => {
    const { core } = await withProvider('skype');
    const reply = await core.engine.handleAction({
      actor: core.admin,
      origin: dm(core.admin),
      verb: VERBS.switchProvider,
      data: { provider: 'teams' },
    });
    expect(reply.refused).toBe(false);
    expect(JSON.stringify(reply)).toContain('login.microsoftonline.com/organizations/v2.0/adminconsent');
    expect(core.store.read().provider).toMatchObject({ current: 'skype', pending: { provider: 'teams' } });
  });

  it('refuses the switch to a member and to a provider that does not exist', async () => {
    const { core } = await withProvider('hangouts');
    const ada = person('ada');
    const member = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: VERBS.switchProvider,
      data: { provider: 'google-chat' },
    });
    expect(member).toMatchObject({ refused: true, card: { tone: 'error' } });
    const bad = await core.engine.handleAction({
      actor: core.admin,
      origin: dm(core.admin),
      verb: VERBS.switchProvider,
      data: { provider: 'lync' },
    });
    expect(bad.refused).toBe(true);
    expect(core.store.read().provider.current).toBe('hangouts');
  });

  it('says what to do instead when the successor is not a provider the bot can set', () => {
    const view = retirementNotice({
      provider: 'hangouts',
      on: '2022-11-01',
      past: true,
      successor: { name: 'Google Chat', provider: null },
    });
    expect(view.actions).toBeUndefined();
    expect(view.lines?.[0]).toContain('this bot cannot set Google Chat as the provider');
    expect(view.lines?.[0]).toContain('set provider none');
  });
});
