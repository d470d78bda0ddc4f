import { describe, expect, it } from 'vitest';
import { renderText, renderTextWithActions } from '../../../src/adapters/console/render-text.js';
import type { View, ViewKind } from '../../../src/application/views/view.js';
import { sampleViews, TRICKY_TEXT, VIEW_KINDS } from '../../fakes/sample-views.js';

const samplesOf = <K extends ViewKind>(kind: K) =>
  sampleViews().filter((view): view is Extract<View, { kind: K }> => view.kind === kind);
const first = <K extends ViewKind>(kind: K) => samplesOf(kind)[0] as Extract<View, { kind: K }>;

describe('renderTextWithActions', () => {
  it('renders every view kind as non-empty text', () => {
    for (const kind of VIEW_KINDS) expect(renderText(first(kind)).trim().length, kind).toBeGreaterThan(0);
  });

  it('numbers actions in the order it returns them', () => {
    const notice = first('requestNotice');
    const { text, actions } = renderTextWithActions(notice);
    expect(actions).toEqual(notice.actions);
    expect(text).toContain('  [1] Approve');
    expect(text).toContain('  [5] Permissions');
    actions.forEach((action, i) => {
      expect(text).toContain(`[${i + 1}] ${action.label}`);
    });
  });

  it('keeps counting across the items of a list', () => {
    const list = first('requestList');
    const { text, actions } = renderTextWithActions(list);
    expect(actions).toHaveLength(10);
    expect(actions[5]?.data).toEqual({ requestId: 'req-4', scope: 'requesters' });
    expect(text).toContain('[6] Approve');
  });

  it('says which actions will ask for more', () => {
    expect(renderText(first('requestNotice'))).toContain('[2] Deny (asks for: Why are you denying it?)');
  });

  it('returns no actions for a view without any', () => {
    expect(renderTextWithActions(first('report')).actions).toEqual([]);
    expect(renderText(first('report'))).not.toMatch(/\[\d+\]/);
  });

  it('renderText is the text of renderTextWithActions', () => {
    for (const view of sampleViews()) expect(renderText(view)).toBe(renderTextWithActions(view).text);
  });
});

describe('renderText content', () => {
  it('marks a message by its tone', () => {
    const [info, error, success] = samplesOf('message');
    expect(renderText(info as View)).toMatch(/^• Did you mean one of these\?\n {2}- Jira\n {2}- Zoom$/);
    expect(renderText(error as View).startsWith('✗ Only system admins')).toBe(true);
    expect(renderText(success as View).startsWith('✓ Request Jira')).toBe(true);
  });

  it('shows requesters with their reasons, permissions and review on a request notice', () => {
    const text = renderText(first('requestNotice'));
    expect(text).toContain('Request: Jira (Atlassian) — open');
    expect(text).toContain(`- Grace Hopper: ${TRICKY_TEXT.split('\n')[0]}`);
    expect(text).toContain('- Alan "Al" Turing');
    expect(text).toContain('- Post link previews');
    expect(text).toContain('Review: Review passed');
  });

  it('shows who decided a request', () => {
    expect(renderText(samplesOf('requestNotice')[1] as View)).toContain(
      '✓ Approved by Ada for Sales, Eng — 10:42',
    );
  });

  it('keeps user text verbatim and indents its extra lines', () => {
    const text = renderText(samplesOf('decisionResult')[1] as View);
    const [firstLine = '', secondLine = ''] = TRICKY_TEXT.split('\n');
    expect(text).toContain(`  Reason: ${firstLine}\n    ${secondLine}`);
  });

  it('drops control characters so people cannot drive the terminal', () => {
    const text = renderText({ kind: 'message', tone: 'info', text: 'red \u001b[31malert\u0007 done\ttab' });
    expect(text).toBe('• red [31malert done tab');
  });

  it('prints the links to open', () => {
    const approved = first('decisionResult');
    expect(renderText(approved)).toContain(`Connect Jira: ${approved.authorizeUrl}`);
    const provider = first('provider');
    expect(renderText(provider)).toContain(provider.consent?.url);
    expect(renderText(provider)).toContain('expires at 10:57');
    const link = first('link');
    expect(renderText(link)).toContain(`Download CSV: ${link.url}`);
  });

  it('lists commands, directory entries, report rows and list items', () => {
    expect(renderText(first('help'))).toContain('request <name> [because <reason>]');
    expect(renderText(first('directory'))).toContain('• Jira (Atlassian) — Available · Review passed');
    expect(renderText(first('report'))).toContain('Groups: Sales, Engineering');
    expect(renderText(first('list'))).toContain('• Sales — 3 members: Ada, Grace, Alan');
    expect(renderText(first('requestReceipt'))).toContain('Requesters: 2');
    expect(renderText(first('permissions'))).toContain('Add enables Jira for Sales, Engineering.');
  });

  it('says when a list is empty', () => {
    expect(renderText(samplesOf('requestList')[1] as View)).toBe('Your requests\n  You have no requests.');
    expect(renderText(samplesOf('list')[1] as View)).toContain('No admins.');
  });

  it('counts days left on a deadline notice and offers keep and disable', () => {
    const { text, actions } = renderTextWithActions(first('deadlineNotice'));
    expect(text).toContain('! 2 integrations need your attention');
    expect(text).toContain('SurveyMonkey (Momentive) — 30 days left, deadline 3 May 2027');
    expect(text).toContain('1 day left');
    expect(actions.map((a) => a.verb)).toEqual(['keepIntegration', 'disableIntegration']);
  });
});

describe('time-box cards as text', () => {
  it('numbers one button per duration, the preselected first, each sending its choice without asking', () => {
    const [headsUp] = samplesOf('timeBoxNotice');
    const { text, actions } = renderTextWithActions(headsUp as View);
    expect(text).toContain("! Jira's approval ends in 7 days");
    expect(text).toContain('[1] Extend (30 days)');
    expect(text).toContain('[2] Extend (90 days)');
    expect(text).toContain('[3] Extend (1 year)');
    expect(text).toContain('[4] Let it end');
    expect(actions.map((a) => [a.verb, a.chosen, a.inputs])).toEqual([
      ['extendTimeBox', { ends: 'days:30' }, undefined],
      ['extendTimeBox', { ends: 'days:90' }, undefined],
      ['extendTimeBox', { ends: 'days:365' }, undefined],
      ['letTimeBoxEnd', undefined, undefined],
    ]);
  });

  it("offers the approval step's typed duration first", () => {
    const step = samplesOf('permissions').find((v) => v.confirm) as View;
    const { actions } = renderTextWithActions(step);
    expect(actions.map((a) => a.label)).toEqual([
      'Add (90 days)',
      'Add (No end)',
      'Add (30 days)',
      'Add (1 year)',
    ]);
  });
});
