import { CONSENT_TTL_MS, type ProviderId, type ProviderSetting } from './provider.js';

/**
 * The Office 365 consent a switch to Skype for Business waits for (docs/product.md#chat-provider), as a state machine:
 * none → pending (a signed link with a nonce, valid CONSENT_TTL_MS) → granted (the provider
 * changes) or back to none (refused, expired, or replaced by a newer link). A nonce works once.
 */

interface ConsentState {
  provider: ProviderSetting;
  usedNonces: Record<string, string>;
}

/** Waits for consent to switch to `provider`; a newer link replaces any pending one. */
export function requestConsent(
  state: ConsentState,
  input: {
    provider: ProviderId;
    nonce: string;
    requestedBy: string;
    conversationId: string | null;
    now: Date;
  },
): { expiresAt: Date } {
  const expiresAt = new Date(input.now.getTime() + CONSENT_TTL_MS);
  state.provider.pending = {
    provider: input.provider,
    nonce: input.nonce,
    requestedBy: input.requestedBy,
    conversationId: input.conversationId,
    expiresAt: expiresAt.toISOString(),
  };
  return { expiresAt };
}

/** How a consent answer ended; `asker` is whom to tell, when the answer was for the pending link. */
export type ConsentResult =
  | { result: 'already-used' }
  | { result: 'expired'; asker: string | null }
  | { result: 'not-granted'; asker: string }
  | { result: 'granted'; before: ProviderId; requestedBy: string };

/**
 * Applies Office 365's answer to a signed consent link: `nonce`, `provider` and `expiresAtMs`
 * come from the verified link, `granted` and `tenant` from the callback.
 */
export function answerConsent(
  state: ConsentState,
  input: {
    nonce: string;
    provider: ProviderId;
    expiresAtMs: number;
    granted: boolean;
    tenant: string;
    now: Date;
  },
): ConsentResult {
  if (state.usedNonces[input.nonce]) return { result: 'already-used' };
  state.usedNonces[input.nonce] = input.now.toISOString();
  const pending = state.provider.pending;
  const forPending = pending?.nonce === input.nonce ? pending : null;
  if (input.expiresAtMs < input.now.getTime() || !forPending) {
    if (forPending) state.provider.pending = null;
    return { result: 'expired', asker: forPending?.requestedBy ?? null };
  }
  if (!input.granted) {
    state.provider.pending = null;
    return { result: 'not-granted', asker: forPending.requestedBy };
  }
  const before = state.provider.current;
  state.provider = {
    current: input.provider,
    setBy: forPending.requestedBy,
    setAt: input.now.toISOString(),
    consent: {
      tenant: input.tenant,
      at: input.now.toISOString(),
      requestedBy: forPending.requestedBy,
      nonce: input.nonce,
    },
    pending: null,
  };
  return { result: 'granted', before, requestedBy: forPending.requestedBy };
}
