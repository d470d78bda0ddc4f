import { describe, expect, it } from 'vitest';
import { completeProviderConsent } from '../../src/application/use-cases/complete-provider-consent.js';
import { setProvider } from '../../src/application/use-cases/set-provider.js';
import { aCore, dm, person } from '../fakes/core.js';

/** The consent link's state parameter, as the card carries it. */
function stateFrom(views: unknown[]): string {
  const view = views[0] as { kind: string; consent: { url: string } | null };
  if (view.kind !== 'provider' || !view.consent)
    throw new Error(`no consent link in ${JSON.stringify(view)}`);
  const state = new URL(view.consent.url).searchParams.get('state');
  if (!state) throw new Error('no state');
  return state;
}

describe('setProvider', () => {
  it('sets hangouts at once, records who and when, and tells admin channels', async () => {
    const core = await aCore();
    await core.say(core.admin, 'set provider hangouts');
    const state = core.store.read();
    expect(state.provider).toMatchObject({
      current: 'hangouts',
      setBy: 'console:admin',
      setAt: '2026-11-22T10:42:00.000Z',
    });
    expect(state.outbox.some((n) => JSON.stringify(n.view).includes('now Google Hangouts'))).toBe(true);
    expect(JSON.stringify(await core.say(person('ada'), 'provider'))).toContain(
      'Google Hangouts, set by Admin',
    );
  });

  it('answers skype with a forwardable consent link and keeps the provider until consent', async () => {
    const core = await aCore();
    const views = await core.say(core.admin, 'set provider skype');
    const view = views[0] as { kind: string; consent: { url: string } };
    const url = new URL(view.consent.url);
    expect(url.origin + url.pathname).toBe(
      'https://login.microsoftonline.com/organizations/v2.0/adminconsent',
    );
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(url.searchParams.get('redirect_uri')).toBe('http://bot.test/auth/office365/callback');
    expect(core.store.read().provider.current).toBe('none');
  });

  it('saves skype when the callback brings admin_consent=True and a valid state, once', async () => {
    const core = await aCore();
    const state = stateFrom(await core.say(core.admin, 'set provider skype'));
    const outcome = await completeProviderConsent(core.deps, {
      admin_consent: 'True',
      tenant: 'contoso',
      state,
    });
    expect(outcome).toEqual({ ok: true, flow: 'consent', provider: 'skype' });
    expect(core.store.read().provider).toMatchObject({
      current: 'skype',
      consent: { tenant: 'contoso', requestedBy: 'console:admin' },
      pending: null,
    });
    const reused = await completeProviderConsent(core.deps, {
      admin_consent: 'True',
      tenant: 'other',
      state,
    });
    expect(reused).toEqual({ ok: false, reason: 'link-used', flow: 'consent' });
    expect(core.store.read().provider.consent?.tenant).toBe('contoso');
  });

  it('refuses an expired state after 15 minutes and tells the asking admin', async () => {
    const core = await aCore();
    const state = stateFrom(await core.say(core.admin, 'set provider skype'));
    core.clock.advance(15 * 60_000 + 1000);
    const outcome = await completeProviderConsent(core.deps, { admin_consent: 'True', tenant: 't', state });
    expect(outcome).toEqual({ ok: false, reason: 'link-expired', flow: 'consent' });
    expect(core.store.read().provider.current).toBe('none');
    expect(
      core.store
        .read()
        .outbox.some((n) => n.target === 'console:admin' && JSON.stringify(n.view).includes('expired')),
    ).toBe(true);
  });

  it('refuses a tampered state and changes nothing', async () => {
    const core = await aCore();
    const state = stateFrom(await core.say(core.admin, 'set provider skype'));
    const [body, sig] = state.split('.');
    const forged = `${Buffer.from(JSON.stringify({ k: 'o365', n: 'x', p: 'skype', exp: Date.now() * 2 })).toString('base64url')}.${sig}`;
    for (const bad of [forged, `${body}.AAAA`, 'garbage', '']) {
      const outcome = await completeProviderConsent(core.deps, { admin_consent: 'True', state: bad });
      expect(outcome, bad).toEqual({ ok: false, reason: 'link-invalid', flow: 'consent' });
    }
    expect(core.store.read().provider.current).toBe('none');
    expect(core.store.read().provider.pending).not.toBeNull();
  });

  it('changes nothing on an error callback and tells the asking admin why', async () => {
    const core = await aCore();
    const state = stateFrom(await core.say(core.admin, 'set provider skype'));
    const outcome = await completeProviderConsent(core.deps, {
      error: 'access_denied',
      error_description: 'The admin declined',
      state,
    });
    expect(outcome).toEqual({
      ok: false,
      reason: 'provider-refused',
      flow: 'consent',
      answer: 'access_denied',
    });
    expect(core.store.read().provider.current).toBe('none');
    expect(
      core.store
        .read()
        .outbox.some(
          (n) => n.target === 'console:admin' && JSON.stringify(n.view).includes('The admin declined'),
        ),
    ).toBe(true);
  });

  it('refuses on-premises Skype, the free plan, members and unknown providers', async () => {
    const core = await aCore();
    const set = (c: typeof core, actor: typeof core.admin, provider: string, onPremises = false) =>
      setProvider(c.deps, { actor, origin: dm(actor), provider, onPremises });
    expect(await set(core, core.admin, 'skype', true)).toEqual({
      ok: false,
      reason: 'on-premises-unsupported',
    });
    expect(await set(core, person('ada'), 'hangouts')).toEqual({
      ok: false,
      reason: 'not-admin',
      task: 'change-provider',
      admins: ['Admin'],
    });
    expect(await set(core, core.admin, 'lync')).toEqual({
      ok: false,
      reason: 'not-a-provider',
      text: 'lync',
    });
    const free = await aCore({ settings: { plan: 'free' } });
    expect(await set(free, free.admin, 'skype')).toEqual({
      ok: false,
      reason: 'plan-too-small',
      subject: { provider: 'skype' },
      needed: 'business',
      current: 'free',
    });
    expect(core.store.read().provider.current).toBe('none');
    expect(free.store.read().provider.pending).toBeNull();
  });
});
