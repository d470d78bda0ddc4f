import { z } from 'zod';
import { answerConsent } from '../../domain/consent.js';
import type { Deps } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import type { ConsentDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { consentNoticeWords } from '../views/admin-outcome-views.js';
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

export type ConsentOutcome = Outcome<
  ConsentDone,
  'callback-malformed' | 'link-invalid' | 'link-used' | 'link-expired' | 'provider-refused'
>;

/**
 * Handles the Office 365 admin-consent callback: with `admin_consent=True` and a valid, unexpired,
 * unused state the pending provider is saved; anything else changes nothing and the asking admin is told why.
 */
export async function completeProviderConsent(deps: Deps, query: unknown): Promise<ConsentOutcome> {
  const now = deps.clock.now();
  const q = Callback.safeParse(query);
  if (!q.success) return refused('callback-malformed');
  const payload = q.data.state ? deps.signer.verify(q.data.state) : null;
  const st = ConsentState.safeParse(payload);
  if (!st.success) return refused('link-invalid', { flow: 'consent' });
  return transact<ConsentOutcome>(deps, (state) => {
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
        return { result: refused('link-used', { flow: 'consent' }) };
      case 'expired':
        tell(answer.asker, consentNoticeWords({ result: 'expired', provider: st.data.p }));
        return { result: refused('link-expired', { flow: 'consent' }) };
      case 'not-granted': {
        const why = q.data.error_description ?? q.data.error ?? 'consent was not granted';
        tell(answer.asker, consentNoticeWords({ result: 'not-granted', provider: st.data.p, why }));
        return {
          result: refused('provider-refused', { flow: 'consent', answer: q.data.error ?? 'not granted' }),
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
            view: message('success', consentNoticeWords({ result: 'granted', provider: st.data.p })),
          });
        }
        return {
          result: { ok: true, flow: 'consent', provider: st.data.p },
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
