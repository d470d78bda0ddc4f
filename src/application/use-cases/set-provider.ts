import { displayName } from '../../domain/people.js';
import type { ProviderSetting } from '../../domain/provider.js';
import {
  CONSENT_TTL_MS,
  checkProviderChoice,
  PROVIDERS,
  ProviderId,
  providerName,
} from '../../domain/provider.js';
import type { State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import type { Actor, Origin } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { auditEntry, transact } from '../transact.js';
import { formatDateTime, message } from '../views/format.js';
import type { ProviderView, View } from '../views/view.js';

/** Stand-in client id that makes the consent link recognisable when O365_CLIENT_ID is not set. */
const UNSET_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

export function consentUrl(deps: Pick<Deps, 'settings'>, stateToken: string): string {
  const params = new URLSearchParams({
    client_id: deps.settings.o365ClientId ?? UNSET_CLIENT_ID,
    scope: 'https://graph.microsoft.com/.default',
    redirect_uri: `${deps.settings.publicUrl}/auth/office365/callback`,
    state: stateToken,
  });
  return `https://login.microsoftonline.com/organizations/v2.0/adminconsent?${params.toString()}`;
}

/** The provider card: current provider, who set it and when, and a pending consent link if any. */
export function providerView(
  deps: Pick<Deps, 'settings' | 'clock'>,
  state: Readonly<State>,
  consentLink?: string,
): ProviderView {
  const p: ProviderSetting = state.provider;
  const tz = deps.settings.timeZone;
  const by = p.setBy ? ` by ${displayName(state, p.setBy)} on ${formatDateTime(p.setAt ?? '', tz)}` : '';
  const entry = PROVIDERS[p.current];
  const retired =
    entry.retiredOn && entry.retiredOn <= deps.clock.now().toISOString().slice(0, 10)
      ? ` ${entry.name} was retired on ${entry.retiredOn}; its successor is ${entry.successor}.`
      : '';
  const text =
    p.current === 'none'
      ? `No chat provider is set${by}.`
      : `The chat provider is ${providerName(p.current)}, set${by}.${retired}`;
  const pending =
    p.pending && p.pending.expiresAt > deps.clock.now().toISOString() && consentLink
      ? {
          url: consentLink,
          expiresAt: formatDateTime(p.pending.expiresAt, tz),
          forProvider: providerName(p.pending.provider),
        }
      : null;
  return {
    kind: 'provider',
    current: p.current,
    currentName: providerName(p.current),
    text,
    consent: pending,
  };
}

/**
 * Chooses the account's chat provider (SPEC §3). Skype waits for Office 365 admin consent:
 * the answer is a forwardable card with the consent link, and the provider stays as it was.
 */
export async function setProvider(
  deps: Deps,
  input: { actor: Actor; origin: Origin; provider: string; onPremises: boolean },
): Promise<{ ok: boolean; views: View[] }> {
  const parsed = ProviderId.safeParse(input.provider);
  if (!parsed.success)
    return {
      ok: false,
      views: [
        message(
          'error',
          `"${input.provider.slice(0, 40)}" is not a provider. Choose skype, hangouts or none.`,
        ),
      ],
    };
  const provider = parsed.data;
  const now = deps.clock.now();
  return transact<{ ok: boolean; views: View[] }>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'change the chat provider');
    if (denied) return { result: { ok: false, views: [message('error', denied.message)] } };
    const refusal = checkProviderChoice({ provider, plan: deps.settings.plan, onPremises: input.onPremises });
    if (refusal === 'plan') {
      const gate = checkPlan(deps.settings, 'skypeProvider', PROVIDERS[provider].name);
      return {
        result: {
          ok: false,
          views: [message('error', gate?.message ?? 'Your plan does not include this provider.')],
        },
      };
    }
    if (refusal === 'on-premises') {
      return {
        result: {
          ok: false,
          views: [
            message(
              'error',
              'Skype for Business on-premises servers are not supported: only Skype for Business Online, with Office 365 consent, can be used.',
            ),
          ],
        },
      };
    }
    if (state.provider.current === provider && !PROVIDERS[provider].needsOffice365Consent) {
      return {
        result: {
          ok: true,
          views: [message('info', `${providerName(provider)} is already the chat provider.`)],
        },
      };
    }
    if (PROVIDERS[provider].needsOffice365Consent) {
      const nonce = deps.ids.random(16);
      const expiresAt = new Date(now.getTime() + CONSENT_TTL_MS);
      state.provider.pending = {
        provider,
        nonce,
        requestedBy: input.actor.id,
        conversationId: input.origin.conversationId,
        expiresAt: expiresAt.toISOString(),
      };
      const token = deps.signer.sign({ k: 'o365', n: nonce, p: provider, exp: expiresAt.getTime() });
      const view = providerView(deps, state, consentUrl(deps, token));
      const hint = deps.settings.o365ClientId
        ? ''
        : ` O365_CLIENT_ID is not set; to try it locally open ${deps.settings.publicUrl}/auth/office365/callback?admin_consent=True&tenant=local&state=${token}`;
      view.text = `${providerName(provider)} needs consent from an Office 365 Global Administrator. Open or forward this link (valid 15 minutes); ${providerName(state.provider.current)} stays the provider until consent arrives.${hint}`;
      return {
        result: { ok: true, views: [view] },
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
      queueNotice(state, {
        now,
        target,
        view: message('success', `The chat provider is now ${providerName(provider)}; everyone can use it.`),
      });
    }
    return {
      result: { ok: true, views: [providerView(deps, state)] },
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
