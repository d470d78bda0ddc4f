import { z } from 'zod';
import type { AccountPlan, PlanFeature } from './plan.js';
import { planAllows } from './plan.js';

export const ProviderId = z.enum(['skype', 'hangouts', 'teams', 'google-chat', 'none']);
export type ProviderId = z.infer<typeof ProviderId>;

/** What took over from a retired provider: a provider this bot can set, or only a name to tell people. */
export interface Successor {
  name: string;
  /** The provider to switch to; null when the bot cannot set the successor. */
  provider: ProviderId | null;
}

export interface ProviderEntry {
  name: string;
  needsOffice365Consent: boolean;
  planFeature: PlanFeature | null;
  note: string;
  /** The day its vendor ended (or ends) the service, `YYYY-MM-DD`; null when none is announced. */
  retiredOn: string | null;
  successor: Successor | null;
}

/**
 * The chat providers an account can choose, kept as data (docs/product.md#chat-provider): a
 * successor is one more entry. Skype for Business Online ended on 31 July 2021 and Microsoft moved
 * its users to Microsoft Teams; classic Hangouts ended on 1 November 2022 and Google moved its users
 * to Google Chat.
 */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderEntry>> = {
  skype: {
    name: 'Skype for Business',
    needsOffice365Consent: true,
    planFeature: 'skypeProvider',
    note: 'Skype for Business Online only; on-premises servers are not supported.',
    retiredOn: '2021-07-31',
    successor: { name: 'Microsoft Teams', provider: 'teams' },
  },
  hangouts: {
    name: 'Google Hangouts',
    needsOffice365Consent: false,
    planFeature: null,
    note: 'Classic Hangouts.',
    retiredOn: '2022-11-01',
    successor: { name: 'Google Chat', provider: 'google-chat' },
  },
  teams: {
    name: 'Microsoft Teams',
    needsOffice365Consent: true,
    planFeature: 'skypeProvider',
    note: 'Microsoft Teams, with Office 365 consent as for Skype for Business.',
    retiredOn: null,
    successor: null,
  },
  'google-chat': {
    name: 'Google Chat',
    needsOffice365Consent: false,
    planFeature: null,
    note: 'Google Chat, the successor of classic Hangouts.',
    retiredOn: null,
    successor: null,
  },
  none: {
    name: 'None',
    needsOffice365Consent: false,
    planFeature: null,
    note: 'No instant-messaging provider.',
    retiredOn: null,
    successor: null,
  },
};

/** A provider's retirement as of a moment: past ("retired on") or still ahead ("retiring on"). */
export interface Retirement {
  provider: ProviderId;
  /** `YYYY-MM-DD`. */
  on: string;
  past: boolean;
  successor: Successor | null;
}

/**
 * Where a provider stands against its vendor's retirement date at `now` (the day of `now` in UTC:
 * the service ends on that day). Null when no retirement is announced.
 */
export function retirementOf(
  id: ProviderId,
  now: Date,
  providers: Readonly<Record<ProviderId, ProviderEntry>> = PROVIDERS,
): Retirement | null {
  const entry = providers[id];
  if (!entry.retiredOn) return null;
  return {
    provider: id,
    on: entry.retiredOn,
    past: entry.retiredOn <= now.toISOString().slice(0, 10),
    successor: entry.successor,
  };
}

/** The key that marks the retirement notice of a provider as sent, once across restarts. */
export function retirementNoticeKey(retirement: Retirement): string {
  return `provider-retirement:${retirement.provider}:${retirement.on}`;
}

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
  /** The current provider's retirement, past or announced, with its successor. */
  retirement: Retirement | null;
}

export function providerFacts(
  setting: ProviderSetting,
  input: { now: Date; nameOf: (personId: string) => string },
): ProviderFacts {
  const now = input.now.toISOString();
  return {
    current: setting.current,
    setBy: setting.setBy ? input.nameOf(setting.setBy) : null,
    setAt: setting.setAt,
    pending:
      setting.pending && setting.pending.expiresAt > now
        ? { provider: setting.pending.provider, expiresAt: setting.pending.expiresAt }
        : null,
    retirement: retirementOf(setting.current, input.now),
  };
}
