import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../../src/adapters/teams/cards/index.js';
import { parseExecute } from '../../../../src/adapters/teams/handlers/action-value.js';
import type { View, ViewKind } from '../../../../src/application/views/view.js';
import { sampleViews } from '../../../fakes/sample-views.js';
import { findAll } from './card-checks.js';

type Json = Record<string, unknown>;
const render = (view: View) => renderAdaptiveCard(view, { cardKey: null });
const samplesOf = <K extends ViewKind>(kind: K) =>
  sampleViews().filter((view): view is Extract<View, { kind: K }> => view.kind === kind);

describe('the duration choice on Teams cards', () => {
  it("puts the approval step's duration in the card as a compact choice that Add sends", () => {
    const step = samplesOf('permissions').find((v) => v.confirm) as View;
    const card = render(step);
    expect(findAll(card, 'Input.ChoiceSet')).toEqual([
      expect.objectContaining({
        id: 'ends',
        label: 'On until',
        style: 'compact',
        value: 'days:90',
        choices: [
          { title: 'No end', value: 'none' },
          { title: '30 days', value: 'days:30' },
          { title: '90 days', value: 'days:90' },
          { title: '1 year', value: 'days:365' },
        ],
      }),
    ]);
    const actions = card.actions as Json[];
    expect(actions.map((a) => [a.type, a.title])).toEqual([['Action.Execute', 'Add']]);
    expect(actions[0]?.associatedInputs).toBeUndefined();
  });

  it('shows the heads-up with Extend sending its duration and Let it end sending none', () => {
    const [headsUp] = samplesOf('timeBoxNotice');
    const card = render(headsUp as View);
    expect(findAll(card, 'Input.ChoiceSet')).toEqual([
      expect.objectContaining({ id: 'ends', value: 'days:30' }),
    ]);
    const actions = card.actions as Json[];
    expect(actions.map((a) => [a.title, a.verb, a.associatedInputs])).toEqual([
      ['Extend', 'extendTimeBox', undefined],
      ['Let it end', 'letTimeBoxEnd', 'none'],
    ]);
  });

  it('reads the chosen duration back as an input, apart from the ids', () => {
    expect(
      parseExecute({
        action: {
          type: 'Action.Execute',
          verb: 'extendTimeBox',
          data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z', ends: 'days:90' },
        },
      }),
    ).toEqual({
      verb: 'extendTimeBox',
      data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
      inputs: { ends: 'days:90' },
    });
  });

  it('shows an ended time box without buttons', () => {
    const ended = samplesOf('timeBoxNotice').find((v) => v.state === 'ended') as View;
    const card = render(ended);
    expect(card.actions).toEqual([]);
    expect(findAll(card, 'Input.ChoiceSet')).toEqual([]);
  });
});
