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

  // The measure itself, on cards made to fail: a check that sees nothing would pass every card.
  it('sees a cut button title, an overflowing text and a card too tall', async () => {
    const button = (title: string) => ({ type: 'Action.Submit', title, data: {} });
    const cut = await renderer.render(
      {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'A sentence far too long for one line of a phone screen', wrap: false },
        ],
        actions: [button("Approve for requesters' groups"), button('Approve for all groups'), button('Deny')],
      },
      320,
    );
    expect(problemsOf(cut.measure).join('\n')).toMatch(
      /button title cut at 320 px: "Approve for requesters' groups"/,
    );
    expect(problemsOf(cut.measure).join('\n')).toMatch(/text overflows at 320 px: "A sentence far too long/);
    const lines = Array.from({ length: 80 }, (_, i) => ({
      type: 'TextBlock',
      text: `Line ${i}`,
      wrap: true,
    }));
    const tall = await renderer.render({ type: 'AdaptiveCard', version: '1.5', body: lines }, 450);
    expect(problemsOf(tall.measure).join('\n')).toMatch(/px tall at 450 px/);
    const fits = await renderer.render(
      {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Hi', wrap: true }],
        actions: [button('OK')],
      },
      320,
    );
    expect(problemsOf(fits.measure)).toEqual([]);
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
        'timeBoxNotice',
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
