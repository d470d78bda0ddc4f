import { z } from 'zod';
import type { AccountPlan } from './plan.js';
import { planAllows } from './plan.js';

/**
 * The chat providers an account can choose, kept as data (docs/product.md#chat-provider): a successor such as
 * Microsoft Teams or Google Chat is one more entry here.
 */
export const PROVIDERS = {
  skype: {
    name: 'Skype for Business',
    needsOffice365Consent: true,
    planFeature: 'skypeProvider',
    note: 'Skype for Business Online only; on-premises servers are not supported.',
    retiredOn: '2021-07-31',
    successor: 'Microsoft Teams',
  },
  hangouts: {
    name: 'Google Hangouts',
    needsOffice365Consent: false,
    planFeature: null,
    note: 'Classic Hangouts.',
    retiredOn: '2022-11-01',
    successor: 'Google Chat',
  },
  none: {
    name: 'None',
    needsOffice365Consent: false,
    planFeature: null,
    note: 'No instant-messaging provider.',
    retiredOn: null,
    successor: null,
  },
} as const;

export const ProviderId = z.enum(['skype', 'hangouts', 'none']);
export type ProviderId = z.infer<typeof ProviderId>;

export function providerName(id: ProviderId): string {
  return PROVIDERS[id].name;
}

export type ProviderRefusal = 'plan' | 'on-premises';

/** Checks a provider choice against the plan and the deployment kind, before any consent. */
export function checkProviderChoice(input: {
  provider: ProviderId;
  plan: AccountPlan;
  onPremises: boolean;
}): ProviderRefusal | null {
  const entry = PROVIDERS[input.provider];
  if (entry.planFeature && !planAllows(input.plan, entry.planFeature)) return 'plan';
  if (input.provider === 'skype' && input.onPremises) return 'on-premises';
  return null;
}

/** How long an Office 365 consent link stays valid (docs/product.md#chat-provider). */
export const CONSENT_TTL_MS = 15 * 60 * 1000;

export const ProviderSetting = z.object({
  current: ProviderId,
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
  consent: z
    .object({ tenant: z.string(), at: z.string(), requestedBy: z.string(), nonce: z.string() })
    .nullable(),
  pending: z
    .object({
      provider: ProviderId,
      nonce: z.string(),
      requestedBy: z.string(),
      conversationId: z.string().nullable(),
      expiresAt: z.string(),
    })
    .nullable(),
});
export type ProviderSetting = z.infer<typeof ProviderSetting>;

export const initialProvider: ProviderSetting = {
  current: 'none',
  setBy: null,
  setAt: null,
  consent: null,
  pending: null,
};

/** The provider setting as people are shown it: who set it by name, and whether a consent still waits. */
export interface ProviderFacts {
  current: ProviderId;
  setBy: string | null;
  setAt: string | null;
  /** The provider a still-valid consent link would switch to. */
  pending: { provider: ProviderId; expiresAt: string } | null;
  /** Set when the current provider was retired by its vendor before `now`. */
  retired: { on: string; successor: string } | null;
}

export function providerFacts(
  setting: ProviderSetting,
  input: { now: Date; nameOf: (personId: string) => string },
): ProviderFacts {
  const entry = PROVIDERS[setting.current];
  const now = input.now.toISOString();
  return {
    current: setting.current,
    setBy: setting.setBy ? input.nameOf(setting.setBy) : null,
    setAt: setting.setAt,
    pending:
      setting.pending && setting.pending.expiresAt > now
        ? { provider: setting.pending.provider, expiresAt: setting.pending.expiresAt }
        : null,
    retired:
      entry.retiredOn && entry.successor && entry.retiredOn <= now.slice(0, 10)
        ? { on: entry.retiredOn, successor: entry.successor }
        : null,
  };
}
