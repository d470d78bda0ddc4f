import { describe, expect, it } from 'vitest';
import { refused } from '../../../src/application/outcomes.js';
import { disconnectViews } from '../../../src/application/views/connect-views.js';
import {
  correctionView,
  parseRefusalView,
  parseRefusalWords,
} from '../../../src/application/views/parse-words.js';
import { refusalWords } from '../../../src/application/views/refusal-words.js';
import {
  bulkDecisionViews,
  decisionViews,
  requestViews,
} from '../../../src/application/views/request-outcome-views.js';

const wording = { timeZone: 'Europe/Paris' };
const jira = { id: 'jira', name: 'Jira', vendor: 'Atlassian' };

describe('refusalWords', () => {
  it('names the task and at most the admins it was given', () => {
    expect(
      refusalWords(refused('not-admin', { task: 'deny-requests', admins: ['Ada', 'Bob'] }), 'UTC'),
    ).toEqual({
      tone: 'error',
      text: 'Only system admins can deny requests. Ask Ada, Bob.',
    });
    expect(refusalWords(refused('not-admin', { task: 'see-report', admins: [] }), 'UTC').text).toBe(
      'Only system admins can see the report.',
    );
  });

  it('says which plan a feature needs and which plan the account is on', () => {
    const r = refused('plan-too-small', {
      subject: { provider: 'skype' },
      needed: 'business',
      current: 'free',
    });
    expect(refusalWords(r, 'UTC').text).toBe(
      'Skype for Business needs the Business or Enterprise plan; this account is on the Free plan.',
    );
  });

  it('says why a permission-change card decides nothing, and that nothing changed', () => {
    expect(refusalWords(refused('no-permission-change', { integration: jira, why: 'none' }), 'UTC')).toEqual({
      tone: 'info',
      text: 'Jira has no permission change waiting for a decision: it was already approved, or the integration is off. Nothing was changed.',
    });
    expect(
      refusalWords(refused('no-permission-change', { integration: jira, why: 'newer' }), 'UTC').text,
    ).toBe(
      'Jira\'s permissions changed again since this card; decide on the newer card, or say "changes". Nothing was changed.',
    );
  });

  it('tells who decided first, in the account time zone', () => {
    const decision = {
      state: 'denied' as const,
      by: 'Ada',
      at: '2026-11-22T10:42:00Z',
      scope: null,
      reason: 'not now',
    };
    expect(refusalWords(refused('already-decided', { decision }), wording.timeZone)).toEqual({
      tone: 'info',
      text: 'Already decided: Denied by Ada — 11:42: not now.',
    });
  });

  it('quotes an unknown name cut to 60 characters, with suggestions when there are some', () => {
    const long = 'x'.repeat(80);
    expect(
      refusalWords(refused('unknown-integration', { name: long, suggestions: [] }), 'UTC').text,
    ).toContain(`"${'x'.repeat(60)}…"`);
    expect(
      refusalWords(refused('unknown-integration', { name: 'jiar', suggestions: ['Jira'] }), 'UTC').text,
    ).toBe('I don\'t know "jiar". Did you mean Jira?');
  });
});

describe('block refusals', () => {
  const box = { id: 'box', name: 'Box', vendor: 'Box' };
  const block = { reason: 'we use Dropbox', by: 'Ada', at: '2026-11-22T23:30:00Z' };

  it('tells whoever asks for a blocked integration why, by whom and when, in the account time zone', () => {
    expect(
      refusalWords(
        refused('integration-blocked', { integration: box, block, wanted: 'request' }),
        wording.timeZone,
      ),
    ).toEqual({
      tone: 'error',
      text: 'Box is blocked: we use Dropbox (blocked by Ada on 23 Nov 2026). Requests for it are refused.',
    });
  });

  it('tells an admin approving or enabling a blocked integration to unblock it first', () => {
    expect(
      refusalWords(refused('integration-blocked', { integration: box, block, wanted: 'approve' }), 'UTC')
        .text,
    ).toBe(
      'Box is blocked: we use Dropbox (blocked by Ada on 22 Nov 2026). Unblock it first to approve it: unblock box',
    );
    expect(
      refusalWords(refused('integration-blocked', { integration: box, block, wanted: 'enable' }), 'UTC').text,
    ).toMatch(/Unblock it first to enable it: unblock box$/);
  });

  it('words a second block, an unblock of nothing, and a block of one still on', () => {
    expect(refusalWords(refused('already-blocked', { integration: box, block }), 'UTC')).toEqual({
      tone: 'info',
      text: 'Box is already blocked: we use Dropbox (blocked by Ada on 22 Nov 2026).',
    });
    expect(refusalWords(refused('not-blocked', { integration: box }), 'UTC').text).toBe(
      'Box is not blocked.',
    );
    expect(
      refusalWords(
        refused('block-while-enabled', { integration: box, scope: { kind: 'groups', groups: ['Sales'] } }),
        'UTC',
      ).text,
    ).toBe('Box is on for Sales. Turn it off first (disable box), then block it. Nothing was changed.');
    expect(
      refusalWords(refused('not-admin', { task: 'block-integrations', admins: ['Ada'] }), 'UTC').text,
    ).toBe('Only system admins can block or unblock integrations. Ask Ada.');
  });
});

describe('done outcomes', () => {
  it('words a joined request as a receipt counting everyone who asked', () => {
    const [view] = requestViews(
      { ok: true, result: 'joined', requestId: 'r1-x', integration: jira, requesterCount: 3 },
      wording,
    );
    expect(view).toMatchObject({
      kind: 'requestReceipt',
      joined: true,
      text: 'You joined the request for Jira (3 people asked). Admins have been told.',
    });
  });

  it('asks the approving admin to connect the integration when a link comes with the approval', () => {
    const decision = {
      state: 'approved' as const,
      by: 'Ada',
      at: '2026-11-22T10:42:00Z',
      scope: { kind: 'groups' as const, groups: ['Sales', 'Eng'] },
      reason: null,
    };
    const [view] = decisionViews(
      {
        ok: true,
        integration: jira,
        decision,
        requestersTold: 2,
        connect: { status: 'not-connected', authorizeUrl: 'https://x/cb' },
      },
      wording,
    );
    expect(view).toMatchObject({
      kind: 'decisionResult',
      text: 'Approved by Ada for Sales, Eng — 11:42. 2 requester(s) told. Connect Jira to finish.',
      authorizeUrl: 'https://x/cb',
    });
  });
});

describe('parse refusals', () => {
  it('words an unknown command with its nearest commands, or help when none is near', () => {
    expect(
      parseRefusalView({ ok: false, reason: 'unknown-command', word: 'grp', nearest: ['groups'] }),
    ).toEqual({
      kind: 'message',
      tone: 'warning',
      text: 'I don\'t know "grp".',
      lines: ['Try: groups'],
    });
    const far = parseRefusalView({ ok: false, reason: 'unknown-command', word: 'z'.repeat(50), nearest: [] });
    expect(far.text).toBe(`I don't know "${'z'.repeat(40)}".`);
    expect(far.lines).toEqual(['Try: help']);
  });

  it('words a denial without reason with the name typed, or a placeholder', () => {
    const usage = ['deny <name> because <reason>'];
    expect(
      parseRefusalWords({
        ok: false,
        reason: 'reason-required',
        command: 'deny',
        integration: 'jira',
        usage,
      }),
    ).toEqual({
      text: 'A reason is required: deny jira because <reason>',
      tryLines: usage,
    });
    expect(
      parseRefusalWords({ ok: false, reason: 'reason-required', command: 'deny', integration: null, usage })
        .text,
    ).toBe('A reason is required: deny <name> because <reason>');
  });

  it('words a block without reason as told to everyone who asks', () => {
    const usage = ['block <name> because <reason>'];
    expect(
      parseRefusalWords({
        ok: false,
        reason: 'reason-required',
        command: 'block',
        integration: 'box',
        usage,
      }),
    ).toEqual({
      text: 'A reason is required: it is told to everyone who asks for it. block box because <reason>',
      tryLines: usage,
    });
  });

  it('words an over-long id and message with their limits, offering nothing to try', () => {
    const id = parseRefusalView({ ok: false, reason: 'id-too-long', prefix: 'teams:', max: 400 });
    expect(id.text).toBe('That id is too long: at most 400 characters after "teams:". Nothing was changed.');
    expect(id.lines).toBeUndefined();
    expect(parseRefusalWords({ ok: false, reason: 'command-too-long', length: 2050, max: 2000 }).text).toBe(
      'That message is too long (2050 characters; at most 2000).',
    );
  });

  it('owns up to a forgiven typo in one line', () => {
    expect(correctionView({ from: 'aprove', to: 'approve' })).toEqual({
      kind: 'message',
      tone: 'info',
      text: '(Took "aprove" as "approve".)',
    });
  });
});

describe('connect wording', () => {
  it('names the missing variables, the provider’s refusal, and what to do next', () => {
    expect(
      refusalWords(
        refused('connect-not-configured', { integration: jira, missing: ['JIRA_CLIENT_ID'] }),
        'UTC',
      ),
    ).toEqual({
      tone: 'error',
      text: 'Jira cannot be connected yet: its connect step is not configured. Set JIRA_CLIENT_ID and restart the bot.',
    });
    const failed = (problem: 'refused' | 'bad-answer' | 'unreachable', detail: string) =>
      refusalWords(refused('token-exchange-failed', { integration: jira, problem, detail }), 'UTC').text;
    expect(failed('refused', 'invalid_grant')).toBe(
      'Atlassian refused to issue a token ("invalid_grant"). Nothing was changed; say "connect <name>" in chat to try again.',
    );
    expect(failed('bad-answer', 'HTTP 500')).toContain(
      "Atlassian's token endpoint did not answer as expected (HTTP 500)",
    );
    expect(failed('unreachable', 'no answer within 10 s')).toContain(
      'could not be reached (no answer within 10 s)',
    );
    expect(refusalWords(refused('no-connect-step', { integration: jira }), 'UTC').text).toBe(
      'Jira has no connect step: it needs no authorisation.',
    );
  });

  it('says a disconnect whose revocation failed still deleted the token, and where to finish', () => {
    const [view] = disconnectViews(
      {
        ok: true,
        integration: jira,
        revoke: { result: 'failed', detail: 'HTTP 500: unexpected HTTP status' },
      },
      wording,
    );
    expect(view).toMatchObject({
      kind: 'message',
      tone: 'warning',
      text: "Jira is disconnected here, but Atlassian did not revoke its token (HTTP 500: unexpected HTTP status). The bot deleted its copy; remove the app's access in your Atlassian account settings.",
    });
  });
});

describe('bulkDecisionViews', () => {
  const done = {
    integration: jira,
    decision: {
      state: 'approved' as const,
      by: 'Ada',
      at: '2026-11-22T10:42:00Z',
      scope: { kind: 'all' as const },
      reason: null,
    },
    requestersTold: 2,
    connect: {
      status: 'not-connected' as const,
      authorizeUrl: 'https://auth.atlassian.test/authorize?state=s',
    },
  };

  it('says how many were decided, then one line for each: decided, or why not', () => {
    const views = bulkDecisionViews(
      {
        ok: true,
        outcome: 'approved',
        items: [
          { name: 'Jira', ok: true, done },
          {
            name: 'jirra',
            ok: false,
            refusal: refused('unknown-integration', { name: 'jirra', suggestions: ['Jira'] }),
          },
          { name: null, ok: false, refusal: refused('request-gone') },
        ],
      },
      wording,
    );
    expect(views[0]).toEqual({
      kind: 'message',
      tone: 'warning',
      text: 'Approved 1 of 3: Jira.',
      lines: [
        '✓ Jira: Approved by Ada for all groups — 11:42. 2 requester(s) told.',
        '✗ jirra: I don\'t know "jirra". Did you mean Jira?',
        '✗ A chosen request: That request no longer exists.',
      ],
    });
    expect(views[1]).toMatchObject({ kind: 'decisionResult', authorizeUrl: done.connect.authorizeUrl });
  });

  it('answers all decided as a success and none decided as an error', () => {
    const all = bulkDecisionViews(
      { ok: true, outcome: 'approved', items: [{ name: 'Jira', ok: true, done }] },
      wording,
    );
    expect(all[0]).toMatchObject({ tone: 'success', text: 'Approved 1 of 1: Jira.' });
    const none = bulkDecisionViews(
      { ok: true, outcome: 'denied', items: [{ name: 'Jira', ok: false, refusal: refused('request-gone') }] },
      wording,
    );
    expect(none).toEqual([
      {
        kind: 'message',
        tone: 'error',
        text: 'Nothing was denied.',
        lines: ['✗ Jira: That request no longer exists.'],
      },
    ]);
  });

  it('words the bound and an empty selection, saying nothing was changed', () => {
    expect(refusalWords(refused('too-many-decisions', { count: 30, max: 25 }), 'UTC').text).toBe(
      'That is 30 requests; decide at most 25 at once. Nothing was changed.',
    );
    expect(refusalWords(refused('nothing-chosen'), 'UTC').text).toBe(
      'Choose at least one request. Nothing was changed.',
    );
  });
});
