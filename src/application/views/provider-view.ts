import { type ProviderFacts, providerName } from '../../domain/provider.js';
import { formatDateTime } from './format.js';
import type { ProviderView } from './view.js';

/** The provider card: current provider, who set it and when, and a pending consent link if any. */
export function buildProviderView(
  facts: ProviderFacts,
  input: { timeZone: string; consentLink?: string | undefined },
): ProviderView {
  const by = facts.setBy ? ` by ${facts.setBy} on ${formatDateTime(facts.setAt ?? '', input.timeZone)}` : '';
  const retired = facts.retired
    ? ` ${providerName(facts.current)} was retired on ${facts.retired.on}; its successor is ${facts.retired.successor}.`
    : '';
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
