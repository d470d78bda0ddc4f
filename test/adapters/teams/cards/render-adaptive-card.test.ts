import { describe, expect, it } from 'vitest';
import { MAX_REFRESH_USERS, renderAdaptiveCard } from '../../../../src/adapters/teams/cards/index.js';
import type { View } from '../../../../src/application/views/view.js';
import { sampleViews, TRICKY_TEXT, VIEW_KINDS } from '../../../fakes/sample-views.js';
import { allStrings, findAll, libraryProblems, newerThan, schemaErrors, shown } from './card-checks.js';

const render = (view: View) => renderAdaptiveCard(view, { cardKey: null });
const label = (view: View, index: number) => `${view.kind} #${index}`;

describe('renderAdaptiveCard on every sample view', () => {
  const views = sampleViews();

  it('covers every view kind', () => {
    expect(new Set(views.map((view) => view.kind))).toEqual(new Set(VIEW_KINDS));
  });

  it.each(views.map((view, i) => [label(view, i), view] as const))(
    '%s is valid for the official 1.5 schema',
    (_, view) => {
      expect(schemaErrors(render(view))).toEqual([]);
      expect(schemaErrors(renderAdaptiveCard(view, { cardKey: 'card-1' }))).toEqual([]);
    },
  );

  it.each(views.map((view, i) => [label(view, i), view] as const))(
    '%s parses in the adaptivecards library without a warning',
    (_, view) => {
      expect(libraryProblems(renderAdaptiveCard(view, { cardKey: 'card-1' }))).toEqual([]);
    },
  );

  it.each(views.map((view, i) => [label(view, i), view] as const))(
    '%s declares 1.5 and uses nothing newer',
    (_, view) => {
      const card = renderAdaptiveCard(view, { cardKey: 'card-1' });
      expect(card.version).toBe('1.5');
      expect(newerThan(card, 1.5)).toEqual([]);
    },
  );

  it.each(views.map((view, i) => [label(view, i), view] as const))(
    '%s leaves no template expression unbound',
    (_, view) => {
      expect(allStrings(render(view)).filter((text) => text.includes('${'))).toEqual([]);
    },
  );

  it('wraps every text block', () => {
    for (const view of views)
      for (const block of findAll(render(view), 'TextBlock')) expect(block.wrap).toBe(true);
  });

  it('gives every card button a Submit fallback carrying the verb beside the same ids', () => {
    for (const view of views) {
      // A counting-down card's refresh is an Action.Execute too, but no button: Teams runs it itself.
      const { refresh: _, ...buttons } = render(view);
      for (const action of findAll(buttons, 'Action.Execute')) {
        expect(action.fallback).toEqual({
          type: 'Action.Submit',
          title: action.title,
          ...(action.style ? { style: action.style } : {}),
          data: { verb: action.verb, ...(action.data as object) },
          ...(action.associatedInputs ? { associatedInputs: action.associatedInputs } : {}),
        });
      }
    }
  });
});

describe('renderAdaptiveCard refresh', () => {
  const view = sampleViews().find((v) => v.kind === 'requestNotice') as View;

  it('adds no refresh without a card key', () => {
    expect(render(view)).not.toHaveProperty('refresh');
  });

  it('refreshes through the refreshCard verb with the card key only', () => {
    expect(renderAdaptiveCard(view, { cardKey: 'notice:req-1' }).refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'refreshCard', data: { cardKey: 'notice:req-1' } },
    });
  });

  it('lists at most 60 distinct users to refresh automatically in big channels', () => {
    const ids = Array.from({ length: 80 }, (_, i) => `29:user-${i % 70}`);
    const refresh = renderAdaptiveCard(view, { cardKey: 'k', refreshUserIds: ids }).refresh as {
      userIds: string[];
    };
    expect(refresh.userIds).toHaveLength(MAX_REFRESH_USERS);
    expect(new Set(refresh.userIds).size).toBe(MAX_REFRESH_USERS);
  });

  it('leaves userIds out when none are given, so small conversations refresh for everyone', () => {
    const card = renderAdaptiveCard(view, { cardKey: 'k', refreshUserIds: [] });
    expect(card.refresh).not.toHaveProperty('userIds');
  });
});

describe('renderAdaptiveCard countdown refresh', () => {
  const counting = sampleViews().find((v) => v.kind === 'deadlineNotice' && v.countdown) as View;
  const plain = sampleViews().find((v) => v.kind === 'deadlineNotice' && !v.countdown) as View;

  it('asks for a counting-down deadline card again through refreshCountdown with its key', () => {
    expect(renderAdaptiveCard(counting, { cardKey: null }).refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refreshCountdown',
        data: { cardKey: 'deadline:2027-04-26T07:00:00.000Z:reminder' },
      },
    });
  });

  it('lists the given admins (at most 60) to refresh it automatically', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `29:admin-${i}`);
    const refresh = renderAdaptiveCard(counting, { cardKey: null, refreshUserIds: ids }).refresh as {
      userIds: string[];
    };
    expect(refresh.userIds).toEqual(ids.slice(0, MAX_REFRESH_USERS));
  });

  it('adds no refresh to a deadline card that does not count down', () => {
    expect(renderAdaptiveCard(plain, { cardKey: null })).not.toHaveProperty('refresh');
  });

  it('asks for a time-box heads-up counting down again the same way, and not for an ended one', () => {
    const headsUp = sampleViews().find((v) => v.kind === 'timeBoxNotice' && v.countdown) as View;
    const ended = sampleViews().find((v) => v.kind === 'timeBoxNotice' && !v.countdown) as View;
    const ids = Array.from({ length: 61 }, (_, i) => `29:admin-${i}`);
    expect(renderAdaptiveCard(headsUp, { cardKey: null, refreshUserIds: ids }).refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refreshCountdown',
        data: { cardKey: 'timebox:jira:2027-04-01T00:00:00.000Z' },
      },
      userIds: ids.slice(0, MAX_REFRESH_USERS),
    });
    expect(renderAdaptiveCard(ended, { cardKey: null })).not.toHaveProperty('refresh');
  });
});

describe('user text on cards', () => {
  const notice = sampleViews().find((v) => v.kind === 'requestNotice') as View;
  const texts = () => findAll(render(notice), 'TextBlock').map((block) => String(block.text));

  it('shows a reason exactly as written, template syntax, quotes and newlines included', () => {
    expect(texts().map(shown)).toContain(TRICKY_TEXT);
  });

  it('keeps Markdown in a reason from formatting or linking', () => {
    const reason = texts().find((text) => shown(text) === TRICKY_TEXT) ?? '';
    expect(reason).not.toMatch(/(^|[^\\])\*\*/);
    expect(reason).not.toMatch(/(^|[^\\])\[click/);
    expect(reason).toContain('\\<b\\>');
  });

  it('does not evaluate template expressions typed by a person', () => {
    const typed = ['$', '{1+1} $', '{$root.text} $', '{string(x)}'].join('');
    const view: View = { kind: 'message', tone: 'info', text: typed };
    const text = String(findAll(render(view), 'TextBlock')[0]?.text);
    expect(shown(text)).toBe(view.text);
  });

  it('renders very long text without truncating it', () => {
    const long = 'word '.repeat(2000).trim();
    const card = render({ kind: 'message', tone: 'info', text: long });
    expect(findAll(card, 'TextBlock')[0]?.text).toBe(long);
    expect(schemaErrors(card)).toEqual([]);
  });
});

describe('renderAdaptiveCard templates', () => {
  it('gives the same card for the same view every time (templates are not mutated)', () => {
    for (const view of sampleViews()) expect(render(view)).toEqual(render(view));
  });

  it('does not share state between cards it returns', () => {
    const view = sampleViews()[0] as View;
    const first = render(view);
    (first.body as unknown[]).length = 0;
    expect((render(view).body as unknown[]).length).toBeGreaterThan(0);
  });

  it('renders a view again after it changed, whatever it rendered before', () => {
    const first = render({ kind: 'message', tone: 'info', text: 'first text' });
    const second = render({ kind: 'message', tone: 'info', text: 'second text' });
    expect(findAll(first, 'TextBlock')[0]?.text).toBe('first text');
    expect(findAll(second, 'TextBlock')[0]?.text).toBe('second text');
  });
});
