import { describe, expect, it } from 'vitest';
import {
  type Affected,
  deadlinesOverview,
  MAX_CARD_ITEMS,
  reminderCard,
  reviewPassedCard,
} from '../../../src/application/views/deadline-views.js';
import { CatalogEntry } from '../../../src/domain/catalog.js';

/** `n` integrations facing a deadline, the first one soonest. */
function affected(n: number): Affected[] {
  return Array.from({ length: n }, (_, i) => {
    const day = String(i + 1).padStart(2, '0');
    return {
      entry: CatalogEntry.parse({ id: `app-${i}`, name: `App ${i}`, vendor: 'Acme' }),
      status: {
        phase: 'upcoming',
        change: null,
        deadline: `2027-03-${day}T00:00:00Z`,
        disableAt: `2027-02-${day}T00:00:00Z`,
        daysLeft: i + 10,
        reminderDue: 14,
      },
    };
  });
}

describe('deadline cards past MAX_CARD_ITEMS', () => {
  it('count the rows left out and say how many "deadlines" shows, since it is capped too', () => {
    const card = reminderCard(affected(MAX_CARD_ITEMS + 3), 'UTC');
    expect(card.items).toHaveLength(MAX_CARD_ITEMS);
    expect(card.text).toMatch(
      new RegExp(
        `3 more are not shown; "deadlines" shows the ${MAX_CARD_ITEMS} integrations with the soonest review deadlines\\.$`,
      ),
    );
    expect(card.text).not.toMatch(/see them all/);
    expect(reminderCard(affected(MAX_CARD_ITEMS + 1), 'UTC').text).toMatch(/1 more is not shown;/);
    expect(reminderCard(affected(MAX_CARD_ITEMS), 'UTC').text).not.toMatch(/not shown/);
  });

  it('do not send passed reviews to "deadlines", which does not list them', () => {
    const card = reviewPassedCard(affected(MAX_CARD_ITEMS + 2), 'UTC');
    expect(card.text).toMatch(/ 2 more are not shown\.$/);
    expect(card.text).not.toMatch(/"deadlines"/);
  });

  it('the overview itself shows the soonest first and says it shows only some', () => {
    const all = affected(MAX_CARD_ITEMS + 5);
    const overview = deadlinesOverview(all, { timeZone: 'UTC' });
    expect(overview.items.map((i) => i.integration.id)).toEqual(
      all.slice(0, MAX_CARD_ITEMS).map((a) => a.entry.id),
    );
    expect(overview.text).toMatch(`Showing the first ${MAX_CARD_ITEMS} of ${MAX_CARD_ITEMS + 5}.`);
  });
});
