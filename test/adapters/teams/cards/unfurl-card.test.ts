import { describe, expect, it } from 'vitest';
import { renderUnfurlCard } from '../../../../src/adapters/teams/cards/index.js';
import type { View } from '../../../../src/application/views/view.js';
import { sampleViews } from '../../../fakes/sample-views.js';
import { findAll, libraryProblems, newerThan, schemaErrors } from './card-checks.js';

const offer: View = {
  kind: 'message',
  tone: 'info',
  text: 'Request Jira for your groups?',
  actions: [{ verb: 'requestIntegration', label: 'Request Jira', data: { integrationId: 'jira' } }],
};

describe('renderUnfurlCard', () => {
  it('offers the request as an Action.Submit carrying the verb and ids', () => {
    const card = renderUnfurlCard(offer);
    expect(card.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Request Jira',
        data: { verb: 'requestIntegration', integrationId: 'jira' },
        associatedInputs: 'none',
      },
    ]);
  });

  it('stays at version 1.3 with no refresh', () => {
    const card = renderUnfurlCard(offer);
    expect(card.version).toBe('1.3');
    expect(card).not.toHaveProperty('refresh');
  });

  it.each(sampleViews().map((view, i) => [`${view.kind} #${i}`, view] as const))(
    '%s as an unfurl uses nothing newer than 1.3 and parses cleanly',
    (_, view) => {
      const card = renderUnfurlCard(view);
      expect(findAll(card, 'Action.Execute')).toEqual([]);
      expect(newerThan(card, 1.3)).toEqual([]);
      expect(schemaErrors(card)).toEqual([]);
      expect(libraryProblems(card)).toEqual([]);
    },
  );
});

describe('the card checks themselves', () => {
  it('catch a universal action on a 1.3 card', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.3',
      body: [],
      actions: [{ type: 'Action.Execute', verb: 'x' }],
    };
    expect(newerThan(card, 1.3)).toEqual(['Action.Execute needs 1.4']);
    expect(libraryProblems(card).join()).toContain('Action.Execute');
  });

  it('catch properties unknown to the schema and duplicate input ids', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      msteams: { width: 'Full' },
      body: [
        { type: 'Input.Text', id: 'reason' },
        { type: 'Input.Text', id: 'reason' },
      ],
    };
    expect(schemaErrors(card)).not.toEqual([]);
    expect(libraryProblems(card)).toContain('Duplicate Id "reason".');
  });
});
