import { describe, expect, it } from 'vitest';
import { inputValuesOf, renderAdaptiveCard } from '../../../../src/adapters/teams/cards/index.js';
import type { View, ViewKind } from '../../../../src/application/views/view.js';
import { sampleViews } from '../../../fakes/sample-views.js';
import { allStrings, findAll, libraryProblems, shown } from './card-checks.js';

type Json = Record<string, unknown>;
const render = (view: View) => renderAdaptiveCard(view, { cardKey: null });
const samplesOf = <K extends ViewKind>(kind: K) =>
  sampleViews().filter((view): view is Extract<View, { kind: K }> => view.kind === kind);
const shownTexts = (card: Json) => allStrings(card).map(shown);

describe('request notice card', () => {
  const [open, decided] = samplesOf('requestNotice');
  const card = render(open as View);

  it('shows each requester and their reason, and the permissions asked', () => {
    for (const requester of open?.requesters ?? []) {
      expect(shownTexts(card)).toContain(requester.name);
      if (requester.reason) expect(shownTexts(card)).toContain(requester.reason);
    }
    for (const permission of open?.permissions ?? []) expect(shownTexts(card)).toContain(`• ${permission}`);
  });

  it('approves through Execute actions carrying ids only', () => {
    const approvals = findAll(card, 'Action.Execute').filter((a) => a.verb === 'approveRequest');
    expect(approvals.map((a) => a.data)).toEqual([
      { requestId: 'req-1', scope: 'requesters' },
      { requestId: 'req-1', scope: 'all' },
    ]);
    expect(approvals[0]?.style).toBe('positive');
  });

  it('asks for a required, bounded reason before Deny, submitted with the deny button', () => {
    const deny = findAll(card, 'Action.ShowCard').find((a) => a.title === 'Deny') as Json;
    const inner = deny.card as Json;
    expect(findAll(inner, 'Input.Text')).toEqual([
      expect.objectContaining({
        id: 'reason',
        isRequired: true,
        maxLength: 500,
        errorMessage: expect.any(String),
      }),
    ]);
    expect(inner.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'denyRequest', data: { requestId: 'req-1' } }),
    ]);
  });

  it('keeps the decision to Approve, Deny and More, the other choices behind More', () => {
    expect((card.actions as Json[]).map((a) => a.title)).toEqual(['Approve', 'Deny', 'More']);
    const more = (card.actions as Json[])[2] as Json;
    expect(more.type).toBe('Action.ShowCard');
    expect(findAll(more.card, 'Action.Execute').map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Approve for all groups', 'approveRequest', { requestId: 'req-1', scope: 'all' }],
      ['Approve for chosen groups', 'chooseGroups', { requestId: 'req-1' }],
      ['Permissions', 'showPermissions', { integrationId: 'jira' }],
    ]);
  });

  it('lets a button without inputs send none, so a required reason elsewhere cannot block it', () => {
    const approve = (card.actions as Json[])[0] as Json;
    expect(approve).toMatchObject({ verb: 'approveRequest', associatedInputs: 'none' });
    const chosen = findAll(card, 'Action.Execute').find((a) => a.verb === 'chooseGroups');
    expect(chosen).not.toHaveProperty('associatedInputs');
  });

  it('offers the groups as a multi-select before approving for chosen groups', () => {
    const more = findAll(card, 'Action.ShowCard').find((a) => a.title === 'More') as Json;
    const [choices] = findAll(more.card, 'Input.ChoiceSet');
    expect(choices).toMatchObject({ id: 'groups', isMultiSelect: true, isRequired: true });
    expect(choices?.choices).toEqual([
      { title: 'Sales', value: 'sales' },
      { title: 'Engineering', value: 'eng' },
    ]);
  });

  it('once decided, shows who decided and offers nothing', () => {
    const done = render(decided as View);
    expect(shownTexts(done)).toContain('Approved by Ada for Sales, Eng — 10:42');
    expect(done.actions).toEqual([]);
  });
});

describe('cards listing several items', () => {
  const [list] = samplesOf('requestList');
  const card = render(list as View);

  it('puts each item’s actions under it', () => {
    const sets = findAll(card, 'ActionSet').filter((set) =>
      (set.actions as Json[]).some((a) => a.title === 'More'),
    );
    expect(sets).toHaveLength(2);
    expect(findAll(sets[1], 'Action.Execute')[0]?.data).toEqual({ requestId: 'req-4', scope: 'requesters' });
  });

  it('keeps input ids unique and maps them back to the ActionField ids', () => {
    const ids = [...findAll(card, 'Input.Text'), ...findAll(card, 'Input.ChoiceSet')].map(
      (input) => input.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['reason', 'reason~2', 'groups', 'groups~2']));
    expect(inputValuesOf({ 'reason~2': 'no', groups: 'a,b' })).toEqual({ reason: 'no', groups: 'a,b' });
    expect(libraryProblems(card)).toEqual([]);
  });

  it('says so when there is nothing to list', () => {
    const [, empty] = samplesOf('requestList');
    expect(shownTexts(render(empty as View))).toContain('You have no requests.');
    const [, noAdmins] = samplesOf('list');
    expect(shownTexts(render(noAdmins as View))).toContain('No admins.');
  });
});

describe('link buttons', () => {
  it('connects an approved integration through its authorise link', () => {
    const [approved, denied] = samplesOf('decisionResult');
    expect(findAll(render(approved as View), 'Action.OpenUrl')).toEqual([
      { type: 'Action.OpenUrl', title: 'Connect Jira', url: approved?.authorizeUrl },
    ]);
    const deniedCard = render(denied as View);
    expect(findAll(deniedCard, 'Action.OpenUrl')).toEqual([]);
    expect(shownTexts(deniedCard)).toContain(denied?.reason);
  });

  it('carries the Office 365 consent link and says when it expires', () => {
    const [waiting, none] = samplesOf('provider');
    const card = render(waiting as View);
    expect(findAll(card, 'Action.OpenUrl')[0]?.url).toBe(waiting?.consent?.url);
    expect(shownTexts(card).some((text) => text.includes('expires at 10:57'))).toBe(true);
    expect(shownTexts(card)).toContain('Google Hangouts');
    expect(render(none as View).actions).toEqual([]);
  });

  it('opens a link view’s address', () => {
    const [link] = samplesOf('link');
    expect(render(link as View).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Download CSV', url: link?.url },
    ]);
  });
});

describe('other cards', () => {
  it('lists every command in help', () => {
    const [help] = samplesOf('help');
    const texts = shownTexts(render(help as View));
    for (const command of help?.commands ?? []) expect(texts).toContain(command.usage);
  });

  it('groups directory entries by state, each with its status, available ones as one line', () => {
    const [directory] = samplesOf('directory');
    const card = render(directory as View);
    expect(shownTexts(card)).toEqual(
      expect.arrayContaining(['On (1)', 'Zoom', 'On for all groups', 'Available (1)', 'Jira', 'Blocked (1)']),
    );
  });

  it('shows a blocked entry last, with who blocked it and why', () => {
    const [directory] = samplesOf('directory');
    const texts = shownTexts(render(directory as View));
    expect(texts.indexOf('Blocked (1)')).toBeGreaterThan(texts.indexOf('Available (1)'));
    expect(texts.some((t) => t.startsWith('Blocked by Ada on 22 Nov 2026: '))).toBe(true);
  });

  it('requests the directory entry chosen in its picker: the chosen id arrives as integrationId', () => {
    const [directory] = samplesOf('directory');
    const card = render(directory as View);
    const [picker] = findAll(card, 'Input.ChoiceSet');
    expect(picker).toMatchObject({ id: 'integrationId', isRequired: true });
    expect(((picker?.choices ?? []) as { value: string }[]).map((c) => c.value)).toEqual([
      'jira',
      'zoom',
      'surveymonkey',
    ]);
    const request = findAll(card, 'Action.Execute').find((a) => a.verb === 'requestIntegration');
    expect(request).toMatchObject({ title: 'Request', data: {} });
    // The picker's value must travel with the click, so this button may not opt out of inputs.
    expect(request).not.toHaveProperty('associatedInputs');
  });

  it('leaves out the vendor line where it repeats the name', () => {
    const view = {
      kind: 'permissions' as const,
      integration: { id: 'box', name: 'Box', vendor: 'Box' },
      permissions: [],
      review: 'Review passed',
      confirm: null,
      actions: [],
    };
    expect(shownTexts(render(view)).filter((t) => t === 'Box')).toHaveLength(0);
    expect(shownTexts(render(view))).toContain('Permissions for Box');
  });

  it('states what Add will do on the last step of an approval', () => {
    const [permissions] = samplesOf('permissions');
    const card = render(permissions as View);
    expect(shownTexts(card)).toContain('Add enables Jira for Sales, Engineering.');
    expect(findAll(card, 'Action.Execute')[0]).toMatchObject({ verb: 'confirmApprove', title: 'Add' });
  });

  it('reports each integration with its groups and last change', () => {
    const [report] = samplesOf('report');
    const texts = shownTexts(render(report as View));
    expect(texts.some((t) => t.includes('Sales, Engineering'))).toBe(true);
    expect(texts).toContain('Last change: Approved by Ada, 2 Jan 2027 10:42');
    expect(texts.some((t) => t.includes('Post link previews'))).toBe(true);
    expect(texts).toContain('Asks for no permissions');
  });

  it('counts days left and offers keep and disable on a deadline notice', () => {
    const [notice] = samplesOf('deadlineNotice');
    const card = render(notice as View);
    const texts = shownTexts(card);
    expect(texts).toContain('30 days left · final deadline 3 May 2027');
    expect(texts.some((t) => t.startsWith('1 day left'))).toBe(true);
    expect(findAll(card, 'Action.Execute').map((a) => a.verb)).toEqual([
      'keepIntegration',
      'disableIntegration',
    ]);
  });

  it('colours a message by its tone and shows its extra lines', () => {
    const [info, error] = samplesOf('message');
    expect(findAll(render(error as View), 'TextBlock')[0]?.color).toBe('Attention');
    expect(shownTexts(render(info as View))).toEqual(expect.arrayContaining(['Jira', 'Zoom']));
  });

  it('confirms a receipt with the number of requesters', () => {
    const [receipt] = samplesOf('requestReceipt');
    expect(shownTexts(render(receipt as View))).toEqual(expect.arrayContaining([receipt?.text, '2']));
  });
});
