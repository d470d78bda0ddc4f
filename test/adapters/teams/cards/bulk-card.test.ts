import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../../src/adapters/teams/cards/index.js';
import type { RequestListView, View } from '../../../../src/application/views/view.js';
import { sampleViews } from '../../../fakes/sample-views.js';
import { findAll, libraryProblems, schemaErrors } from './card-checks.js';

type Json = Record<string, unknown>;
const render = (view: View) => renderAdaptiveCard(view, { cardKey: null });
const withBulk = () => {
  const found = sampleViews().find((v): v is RequestListView => v.kind === 'requestList' && !!v.bulk);
  if (!found?.bulk) throw new Error('no requests sample with a selection');
  return found as RequestListView & { bulk: NonNullable<RequestListView['bulk']> };
};

describe('requests card: the selection to decide several', () => {
  it('carries one multi-select of request ids and one reason, neither required on the card', () => {
    const card = render(withBulk());
    const [choice] = findAll(card, 'Input.ChoiceSet').filter((c) => c.id === 'requests');
    expect(choice).toMatchObject({ isMultiSelect: true, isRequired: false, style: 'expanded' });
    expect(((choice?.choices ?? []) as Json[]).map((c) => c.value)).toEqual(['req-1', 'req-4']);
    expect(findAll(card, 'Input.Text').find((i) => i.id === 'bulkReason')).toMatchObject({
      isRequired: false,
    });
    expect(schemaErrors(card)).toEqual([]);
    expect(libraryProblems(card)).toEqual([]);
  });

  it('sends the inputs with Approve selected and Deny selected, and none with the single Approve', () => {
    const card = render(withBulk());
    const executes = findAll(card, 'Action.Execute');
    const bulk = executes.filter((a) => a.verb === 'approveSelected' || a.verb === 'denySelected');
    expect(bulk.map((a) => [a.title, a.associatedInputs])).toEqual([
      ['Approve selected', undefined],
      ['Deny selected', undefined],
    ]);
    const single = executes.filter((a) => a.verb === 'approveRequest' && a.title === 'Approve');
    expect(single.every((a) => a.associatedInputs === 'none')).toBe(true);
  });

  it('folds many choices into a drop-down, so the card stays short', () => {
    const view = withBulk();
    const choices = Array.from({ length: 12 }, (_, i) => ({ value: `req-${i}`, title: `App ${i}` }));
    const many = {
      ...view,
      bulk: {
        ...view.bulk,
        fields: view.bulk.fields.map((f) => (f.kind === 'choices' ? { ...f, choices } : f)),
      },
    };
    const [choice] = findAll(render(many), 'Input.ChoiceSet').filter((c) => c.id === 'requests');
    expect(choice).toMatchObject({ style: 'compact', isMultiSelect: true });
  });

  it('shows no selection when the view offers none', () => {
    const card = render({ ...withBulk(), bulk: null });
    expect(findAll(card, 'Input.ChoiceSet').filter((c) => c.id === 'requests')).toEqual([]);
    expect(findAll(card, 'Action.Execute').filter((a) => a.verb === 'approveSelected')).toEqual([]);
  });
});
