import { z } from 'zod';
import { providerName } from '../../domain/provider.js';
import type { Deps } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import type { CallbackOutcome } from './connect-integration.js';

const ConsentState = z.object({
  k: z.literal('o365'),
  n: z.string(),
  p: z.enum(['skype', 'hangouts', 'none']),
  exp: z.number(),
});

const Callback = z.object({
  state: z.string().max(4000).optional(),
  admin_consent: z.string().max(20).optional(),
  tenant: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

/**
 * Handles the Office 365 admin-consent callback: with `admin_consent=True` and a valid, unexpired,
 * unused state the pending provider is saved; anything else changes nothing and the asking admin is told why.
 */
export async function completeProviderConsent(deps: Deps, query: unknown): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const q = Callback.safeParse(query);
  const fail = (text: string): CallbackOutcome => ({ ok: false, title: 'Consent not completed', text });
  if (!q.success) return fail('The callback was malformed. Nothing was changed.');
  const payload = q.data.state ? deps.signer.verify(q.data.state) : null;
  const st = ConsentState.safeParse(payload);
  if (!st.success)
    return fail('This consent link is not valid. Nothing was changed; ask for a new one in chat.');
  return transact<CallbackOutcome>(deps, (state) => {
    const pending = state.provider.pending;
    const tellAsker = (text: string) => {
      if (pending?.nonce === st.data.n)
        queueNotice(state, { now, target: pending.requestedBy, view: message('warning', text) });
    };
    if (state.usedNonces[st.data.n])
      return { result: fail('This consent link was already used. Nothing was changed.') };
    state.usedNonces[st.data.n] = now.toISOString();
    if (st.data.exp < now.getTime() || pending?.nonce !== st.data.n) {
      tellAsker(
        `The Office 365 consent link for ${providerName(st.data.p)} expired; the provider was not changed. Ask again with "set provider ${st.data.p}".`,
      );
      if (pending?.nonce === st.data.n) state.provider.pending = null;
      return {
        result: fail(
          'This consent link has expired or was replaced by a newer one. Nothing was changed; ask for a new one in chat.',
        ),
      };
    }
    if (q.data.error || q.data.admin_consent !== 'True') {
      const why = q.data.error_description ?? q.data.error ?? 'consent was not granted';
      tellAsker(
        `Office 365 consent for ${providerName(st.data.p)} failed (${why.slice(0, 200)}); the provider was not changed.`,
      );
      state.provider.pending = null;
      return {
        result: fail(
          `Office 365 did not grant consent (${(q.data.error ?? 'not granted').slice(0, 100)}). Nothing was changed.`,
        ),
        audit: [
          auditEntry({
            at: now,
            actor: 'system',
            action: 'provider-consent-failed',
            details: why.slice(0, 200),
          }),
        ],
      };
    }
    const before = state.provider.current;
    const tenant = q.data.tenant ?? 'unknown';
    state.provider = {
      current: st.data.p,
      setBy: pending.requestedBy,
      setAt: now.toISOString(),
      consent: { tenant, at: now.toISOString(), requestedBy: pending.requestedBy, nonce: st.data.n },
      pending: null,
    };
    for (const target of new Set([...adminTargets(state), pending.requestedBy])) {
      queueNotice(state, {
        now,
        target,
        view: message(
          'success',
          `Office 365 consent received: the chat provider is now ${providerName(st.data.p)}, and everyone can use it.`,
        ),
      });
    }
    return {
      result: {
        ok: true,
        title: `${providerName(st.data.p)} is set up`,
        text: 'Consent was recorded. You can return to chat.',
      },
      audit: [
        auditEntry({
          at: now,
          actor: pending.requestedBy,
          action: 'provider-set',
          details: `${before} → ${st.data.p} (Office 365 consent, tenant ${tenant})`,
        }),
      ],
    };
  });
}
