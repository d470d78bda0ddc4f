import { describe, expect, it } from 'vitest';
import { answerConsent, requestConsent } from '../../src/domain/consent.js';
import { CONSENT_TTL_MS } from '../../src/domain/provider.js';
import { emptyState } from '../../src/domain/state.js';

const now = new Date('2026-11-22T10:42:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

function pendingSkype() {
  const state = emptyState();
  const { expiresAt } = requestConsent(state, {
    provider: 'skype',
    nonce: 'n1',
    requestedBy: 'console:admin',
    conversationId: null,
    now,
  });
  const answer = { nonce: 'n1', provider: 'skype' as const, expiresAtMs: expiresAt.getTime(), tenant: 't1' };
  return { state, answer };
}

describe('the Office 365 consent state machine', () => {
  it('waits with the provider unchanged, for CONSENT_TTL_MS', () => {
    const { state, answer } = pendingSkype();
    expect(state.provider).toMatchObject({ current: 'none', pending: { provider: 'skype', nonce: 'n1' } });
    expect(answer.expiresAtMs - now.getTime()).toBe(CONSENT_TTL_MS);
  });

  it('switches the provider when consent is granted in time, and takes each link once', () => {
    const { state, answer } = pendingSkype();
    expect(answerConsent(state, { ...answer, granted: true, now: later(1000) })).toEqual({
      result: 'granted',
      before: 'none',
      requestedBy: 'console:admin',
    });
    expect(state.provider).toMatchObject({
      current: 'skype',
      pending: null,
      consent: { tenant: 't1', nonce: 'n1' },
    });
    expect(answerConsent(state, { ...answer, granted: true, now: later(2000) })).toEqual({
      result: 'already-used',
    });
  });

  it('drops the pending switch when consent is refused', () => {
    const { state, answer } = pendingSkype();
    expect(answerConsent(state, { ...answer, granted: false, now: later(1000) })).toEqual({
      result: 'not-granted',
      asker: 'console:admin',
    });
    expect(state.provider).toMatchObject({ current: 'none', pending: null });
  });

  it('refuses an expired link, and a replaced one without touching the newer link', () => {
    const expired = pendingSkype();
    expect(
      answerConsent(expired.state, { ...expired.answer, granted: true, now: later(CONSENT_TTL_MS + 1) }),
    ).toEqual({ result: 'expired', asker: 'console:admin' });
    expect(expired.state.provider.pending).toBeNull();

    const replaced = pendingSkype();
    requestConsent(replaced.state, {
      provider: 'skype',
      nonce: 'n2',
      requestedBy: 'console:ann',
      conversationId: null,
      now: later(1000),
    });
    expect(answerConsent(replaced.state, { ...replaced.answer, granted: true, now: later(2000) })).toEqual({
      result: 'expired',
      asker: null,
    });
    expect(replaced.state.provider).toMatchObject({ current: 'none', pending: { nonce: 'n2' } });
  });
});
