import { describe, expect, it } from 'vitest';
import { type SampleCard, sampleCards } from '../../gallery/sample-cards.js';
import { renderBlocks } from '../../src/adapters/slack/blocks/index.js';
import { renderAdaptiveCard, renderUnfurlCard } from '../../src/adapters/teams/cards/index.js';
import { libraryProblems, newerThan, schemaErrors } from '../adapters/teams/cards/card-checks.js';

// The gallery's cards come from the bot's own use cases, so they hold what real data holds (nested
// ShowCards, the directory picker, long names), which hand-written samples can miss.
describe('every gallery card, built by the real bot', async () => {
  const samples: SampleCard[] = await sampleCards();

  it.each(samples.map((s) => [s.name, s] as const))('%s is a valid Adaptive Card 1.5', (_, sample) => {
    const card = renderAdaptiveCard(sample.view, { cardKey: null });
    expect(schemaErrors(card)).toEqual([]);
    expect(libraryProblems(card)).toEqual([]);
  });

  it.each(samples.map((s) => [s.name, s] as const))(
    '%s as an unfurl needs nothing newer than 1.3',
    (_, sample) => {
      const card = renderUnfurlCard(sample.view);
      expect(schemaErrors(card)).toEqual([]);
      expect(newerThan(card, 1.3)).toEqual([]);
    },
  );

  it.each(samples.map((s) => [s.name, s] as const))('%s fits a Slack message', (_, sample) => {
    const { blocks } = renderBlocks(sample.view);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks.filter((b) => b.type === 'actions'))
      expect((block as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(25);
  });
});
