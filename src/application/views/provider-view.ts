import { type ProviderFacts, providerName, type Retirement } from '../../domain/provider.js';
import { formatDate, formatDateTime } from './format.js';
import type { MessageView, ProviderView, ViewAction } from './view.js';
import { VERBS } from './view.js';

/** A retirement day is the vendor's calendar day, shown as it is whatever the account's zone. */
const dayOf = (on: string) => formatDate(`${on}T12:00:00Z`, 'UTC');

/** "Skype for Business was retired on 31 Jul 2021" or "… is retiring on 1 Mar 2031". */
function retiredWhen(retirement: Retirement): string {
  const name = providerName(retirement.provider);
  return retirement.past
    ? `${name} was retired on ${dayOf(retirement.on)}`
    : `${name} is retiring on ${dayOf(retirement.on)}`;
}

/** What succeeds a retired provider, and how to move to it: a command, or what to do outside the bot. */
function successorWords(retirement: Retirement): string {
  const successor = retirement.successor;
  if (!successor) return 'No successor is known; choose another provider, or none (set provider none).';
  if (successor.provider)
    return `${successor.name} succeeds it: switch with set provider ${successor.provider}.`;
  return `${successor.name} succeeds it, but this bot cannot set ${successor.name} as the provider: move your people to ${successor.name} outside the bot, then choose another provider here, or none (set provider none).`;
}

/** The provider line's retirement part: "Skype for Business was retired on 31 Jul 2021; Microsoft Teams succeeds it: …". */
export function retirementSentence(retirement: Retirement): string {
  return `${retiredWhen(retirement)}. ${successorWords(retirement)}`;
}

/** The one-click switch to a successor the bot can set (through Office 365 consent where it needs it). */
export function switchProviderAction(retirement: Retirement): ViewAction | null {
  const to = retirement.successor?.provider;
  if (!to) return null;
  return {
    verb: VERBS.switchProvider,
    label: `Switch to ${providerName(to)}`,
    data: { provider: to },
    style: 'positive',
  };
}

/** The admin notice of a retired or retiring provider, sent once (docs/product.md#chat-provider). */
export function retirementNotice(retirement: Retirement): MessageView {
  const action = switchProviderAction(retirement);
  return {
    kind: 'message',
    tone: 'warning',
    text: `Your chat provider: ${retiredWhen(retirement)}.`,
    lines: [successorWords(retirement)],
    ...(action ? { actions: [action] } : {}),
  };
}

/** The provider card: current provider, who set it and when, a retirement, and a pending consent link if any. */
export function buildProviderView(
  facts: ProviderFacts,
  input: { timeZone: string; consentLink?: string | undefined },
): ProviderView {
  const by = facts.setBy ? ` by ${facts.setBy} on ${formatDateTime(facts.setAt ?? '', input.timeZone)}` : '';
  const retired = facts.retirement ? ` ${retirementSentence(facts.retirement)}` : '';
  const text =
    facts.current === 'none'
      ? `No chat provider is set${by}.`
      : `The chat provider is ${providerName(facts.current)}, set${by}.${retired}`;
  return {
    kind: 'provider',
    current: facts.current,
    currentName: providerName(facts.current),
    text,
    consent:
      facts.pending && input.consentLink
        ? {
            url: input.consentLink,
            expiresAt: formatDateTime(facts.pending.expiresAt, input.timeZone),
            forProvider: providerName(facts.pending.provider),
          }
        : null,
  };
}
