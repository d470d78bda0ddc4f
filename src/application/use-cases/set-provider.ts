import { requestConsent } from '../../domain/consent.js';
import { displayName } from '../../domain/people.js';
import type { ProviderFacts } from '../../domain/provider.js';
import { checkProviderChoice, PROVIDERS, ProviderId, providerFacts } from '../../domain/provider.js';
import type { State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import type { Actor, Origin } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { adminTargets, queueNotice } from '../outbox.js';
import type { Outcome, SetProviderDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { providerSetWords } from '../views/admin-outcome-views.js';
import { message } from '../views/format.js';

/** Stand-in client id that makes the consent link recognisable when O365_CLIENT_ID is not set. */
const UNSET_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

function consentUrl(deps: Pick<Deps, 'settings'>, stateToken: string): string {
  const params = new URLSearchParams({
    client_id: deps.settings.o365ClientId ?? UNSET_CLIENT_ID,
    scope: 'https://graph.microsoft.com/.default',
    redirect_uri: `${deps.settings.publicUrl}/auth/office365/callback`,
    state: stateToken,
  });
  return `https://login.microsoftonline.com/organizations/v2.0/adminconsent?${params.toString()}`;
}

export type SetProviderOutcome = Outcome<
  SetProviderDone,
  'not-a-provider' | 'not-admin' | 'plan-too-small' | 'on-premises-unsupported'
>;

const factsOf = (deps: Pick<Deps, 'clock'>, state: Readonly<State>) =>
  providerFacts(state.provider, { now: deps.clock.now(), nameOf: (id) => displayName(state, id) });

/** The current chat provider. */
export function showProvider(deps: Deps): ProviderFacts {
  return factsOf(deps, deps.store.read());
}

/**
 * Chooses the account's chat provider (docs/product.md#chat-provider). Skype waits for Office 365 admin consent:
 * the answer carries the forwardable consent link, and the provider stays as it was.
 */
export async function setProvider(
  deps: Deps,
  input: { actor: Actor; origin: Origin; provider: string; onPremises: boolean },
): Promise<SetProviderOutcome> {
  const parsed = ProviderId.safeParse(input.provider);
  if (!parsed.success) return refused('not-a-provider', { text: input.provider });
  const provider = parsed.data;
  const now = deps.clock.now();
  return transact<SetProviderOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'change-provider');
    if (denied) return { result: denied };
    const refusal = checkProviderChoice({ provider, plan: deps.settings.plan, onPremises: input.onPremises });
    if (refusal === 'plan') {
      const gate = checkPlan(deps.settings, 'skypeProvider', { provider });
      return {
        result:
          gate ??
          refused('plan-too-small', {
            subject: { provider },
            needed: 'business',
            current: deps.settings.plan,
          }),
      };
    }
    if (refusal === 'on-premises') return { result: refused('on-premises-unsupported') };
    if (state.provider.current === provider && !PROVIDERS[provider].needsOffice365Consent) {
      return { result: { ok: true, result: 'unchanged', provider: factsOf(deps, state) } };
    }
    if (PROVIDERS[provider].needsOffice365Consent) {
      const nonce = deps.ids.random(16);
      const { expiresAt } = requestConsent(state, {
        provider,
        nonce,
        requestedBy: input.actor.id,
        conversationId: input.origin.conversationId,
        now,
      });
      const token = deps.signer.sign({ k: 'o365', n: nonce, p: provider, exp: expiresAt.getTime() });
      return {
        result: {
          ok: true,
          result: 'consent-requested',
          provider: factsOf(deps, state),
          wanted: provider,
          consentUrl: consentUrl(deps, token),
          localCallback: deps.settings.o365ClientId
            ? null
            : `${deps.settings.publicUrl}/auth/office365/callback?admin_consent=True&tenant=local&state=${token}`,
        },
        audit: [
          auditEntry({
            at: now,
            actor: input.actor.id,
            action: 'provider-consent-requested',
            details: `${state.provider.current} → ${provider} (waiting for Office 365 consent)`,
          }),
        ],
      };
    }
    const before = state.provider.current;
    state.provider = {
      current: provider,
      setBy: input.actor.id,
      setAt: now.toISOString(),
      consent: null,
      pending: null,
    };
    for (const target of adminTargets(state)) {
      queueNotice(state, { now, target, view: message('success', providerSetWords(provider)) });
    }
    return {
      result: { ok: true, result: 'set', provider: factsOf(deps, state) },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'provider-set',
          details: `${before} → ${provider}`,
        }),
      ],
    };
  });
}
