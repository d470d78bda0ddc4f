import { z } from 'zod';
import { answerConsent } from '../../domain/consent.js';
import { providerName } from '../../domain/provider.js';
import type { Deps } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import type { CallbackOutcome } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';

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
    const granted = !q.data.error && q.data.admin_consent === 'True';
    const tenant = q.data.tenant ?? 'unknown';
    const answer = answerConsent(state, {
      nonce: st.data.n,
      provider: st.data.p,
      expiresAtMs: st.data.exp,
      granted,
      tenant,
      now,
    });
    const tell = (target: string | null, text: string) => {
      if (target) queueNotice(state, { now, target, view: message('warning', text) });
    };
    switch (answer.result) {
      case 'already-used':
        return { result: fail('This consent link was already used. Nothing was changed.') };
      case 'expired':
        tell(
          answer.asker,
          `The Office 365 consent link for ${providerName(st.data.p)} expired; the provider was not changed. Ask again with "set provider ${st.data.p}".`,
        );
        return {
          result: fail(
            'This consent link has expired or was replaced by a newer one. Nothing was changed; ask for a new one in chat.',
          ),
        };
      case 'not-granted': {
        const why = q.data.error_description ?? q.data.error ?? 'consent was not granted';
        tell(
          answer.asker,
          `Office 365 consent for ${providerName(st.data.p)} failed (${why.slice(0, 200)}); the provider was not changed.`,
        );
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
      case 'granted':
        for (const target of new Set([...adminTargets(state), answer.requestedBy])) {
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
              actor: answer.requestedBy,
              action: 'provider-set',
              details: `${answer.before} → ${st.data.p} (Office 365 consent, tenant ${tenant})`,
            }),
          ],
        };
    }
  });
}
