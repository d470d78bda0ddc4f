import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CardRenderer,
  CHROMIUM,
  chromiumPresent,
  createCardRenderer,
  openedCardsOf,
  problemsOf,
  WIDTHS,
} from '../../gallery/render-cards.js';
import { type SampleCard, sampleCards } from '../../gallery/sample-cards.js';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/index.js';

const present = chromiumPresent();
const title = present
  ? 'every card as Teams draws it (Microsoft renderer, Teams host config)'
  : `every card as Teams draws it — SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium)`;

// Drawn in a real browser because only layout says whether a title is cut: the renderer shrinks buttons
// to fit and ellipsises their titles, which no JSON check can see.
describe.skipIf(!present)(title, () => {
  let renderer: CardRenderer;
  let samples: SampleCard[];

  beforeAll(async () => {
    samples = await sampleCards();
    renderer = await createCardRenderer();
  }, 60_000);

  afterAll(async () => {
    await renderer?.close();
  });

  it('covers every card kind the bot sends', () => {
    const kinds = new Set(samples.map((s) => s.view.kind));
    expect([...kinds].sort()).toEqual(
      [
        'deadlineNotice',
        'decisionResult',
        'directory',
        'help',
        'link',
        'list',
        'message',
        'permissions',
        'provider',
        'report',
        'requestList',
        'requestNotice',
        'requestReceipt',
      ].sort(),
    );
  });

  it('cuts no button title, lets no text overflow, and stays under 1,500 px at 450 px', async () => {
    const problems: string[] = [];
    for (const sample of samples) {
      const card = renderAdaptiveCard(sample.view, { cardKey: null });
      for (const width of WIDTHS) {
        const { measure } = await renderer.render(card, width);
        problems.push(...problemsOf(measure).map((p) => `${sample.name}: ${p}`));
      }
      for (const inner of openedCardsOf(card)) {
        const { measure } = await renderer.render(inner.card, 320);
        problems.push(...problemsOf(measure).map((p) => `${sample.name}, "${inner.title}" opened: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
