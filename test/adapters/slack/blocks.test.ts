import { describe, expect, it } from 'vitest';
import { fallbackText, renderBlocks } from '../../../src/adapters/slack/blocks/index.js';
import {
  ACTION_FORM,
  BULK_FORM,
  renderActionModal,
  renderBulkModal,
  renderHome,
} from '../../../src/adapters/slack/blocks/surfaces.js';
import type { ListView, View } from '../../../src/application/views/view.js';
import { VERBS } from '../../../src/application/views/view.js';
import {
  GROUPS_INPUT,
  JIRA,
  REASON_INPUT,
  sampleOf,
  sampleViews,
  TRICKY_TEXT,
  VIEW_KINDS,
} from '../../fakes/sample-views.js';

type AnyBlock = Record<string, unknown> & { type: string };

/** Every text string inside the blocks, wherever it sits. */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) textsOf(v, out);
  }
  return out;
}

function buttonsOf(blocks: AnyBlock[]) {
  return blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements as Record<string, unknown>[]) : []))
    .filter((e) => e.type === 'button');
}

/** Overflow menus, in actions blocks or beside a section. */
function menusOf(blocks: AnyBlock[]) {
  return blocks
    .flatMap((b) =>
      b.type === 'actions'
        ? (b.elements as Record<string, unknown>[])
        : b.accessory
          ? [b.accessory as Record<string, unknown>]
          : [],
    )
    .filter((e) => e.type === 'overflow') as {
    action_id: string;
    options: { text: { text: string }; value: string }[];
  }[];
}

function expectWithinLimits(blocks: AnyBlock[], maxBlocks = 50) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const text of textsOf(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  for (const b of blocks.filter((x) => x.type === 'header'))
    expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(150);
  const ids = buttonsOf(blocks).map((b) => b.action_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of buttonsOf(blocks)) {
    expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(75);
    if (typeof b.value === 'string') expect(b.value.length).toBeLessThanOrEqual(2000);
  }
  for (const b of blocks.filter((x) => x.type === 'actions'))
    expect((b.elements as unknown[]).length).toBeLessThanOrEqual(25);
  for (const menu of menusOf(blocks)) {
    expect(menu.options.length).toBeGreaterThan(0);
    expect(menu.options.length).toBeLessThanOrEqual(5);
    for (const o of menu.options) {
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect(o.value.length).toBeLessThanOrEqual(150);
    }
  }
}

const longList = (n: number): ListView => ({
  kind: 'list',
  title: 'Groups',
  empty: 'No group',
  items: Array.from({ length: n }, (_, i) => ({
    title: `Group ${i}`,
    detail: 'x'.repeat(200),
    actions: [{ verb: VERBS.refreshCard, label: 'Refresh', data: { cardKey: `g${i}` } }],
  })),
});

describe('renderBlocks', () => {
  it.each(VIEW_KINDS)('renders a %s view within Slack limits, with a text fallback', (kind) => {
    const { text, blocks } = renderBlocks(sampleOf(kind));
    expect(blocks.length).toBeGreaterThan(0);
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(3000);
    expectWithinLimits(blocks as AnyBlock[]);
  });

  it('covers every sample view', () => {
    for (const view of sampleViews()) expectWithinLimits(renderBlocks(view).blocks as AnyBlock[]);
  });

  it('gives buttons `<verb>:<n>` action ids and a value of the verb and its ids only', () => {
    const notice = sampleOf('requestNotice');
    const buttons = buttonsOf(renderBlocks(notice).blocks as AnyBlock[]);
    const primary = notice.actions.filter((a) => !a.secondary);
    expect(buttons.length).toBe(primary.length);
    for (const [i, b] of buttons.entries()) {
      const action = primary[i];
      expect(b.action_id).toMatch(new RegExp(`^${action?.verb}:\\d+$`));
      expect(JSON.parse(String(b.value))).toEqual({ verb: action?.verb, data: action?.data });
    }
  });

  it('puts the secondary actions in one overflow menu after the buttons, each option valued like a button', () => {
    const notice = sampleOf('requestNotice');
    const blocks = renderBlocks(notice).blocks as AnyBlock[];
    const secondary = notice.actions.filter((a) => a.secondary);
    const [menu, ...others] = menusOf(blocks);
    expect(others).toEqual([]);
    expect(menu?.action_id).toMatch(/^menu:\d+$/);
    expect(menu?.options.map((o) => o.text.text)).toEqual(secondary.map((a) => a.label));
    expect(menu?.options.map((o) => JSON.parse(o.value))).toEqual(
      secondary.map((a) => ({ verb: a.verb, data: a.data })),
    );
    const row = blocks.find((b) => b.type === 'actions') as unknown as { elements: { type: string }[] };
    expect(row.elements.map((e) => e.type)).toEqual(['button', 'button', 'overflow']);
  });

  it('leaves out an overflow option whose value would pass 150 characters', () => {
    const long = {
      verb: VERBS.showPermissions,
      label: 'Permissions',
      data: { integrationId: 'x'.repeat(200) },
    };
    const view: View = { kind: 'message', tone: 'info', text: 'hi', actions: [{ ...long, secondary: true }] };
    expect(menusOf(renderBlocks(view).blocks as AnyBlock[])).toEqual([]);
  });

  it('shows Approve as primary and Deny as danger', () => {
    const buttons = buttonsOf(renderBlocks(sampleOf('requestNotice')).blocks as AnyBlock[]);
    expect(buttons.find((b) => String(b.action_id).startsWith('denyRequest'))?.style).toBe('danger');
    expect(buttons.find((b) => String(b.action_id).startsWith('approveRequest'))?.style).toBe('primary');
  });

  it('cuts a long list at 50 blocks with "and N more"', () => {
    const { blocks } = renderBlocks(longList(200));
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/and \d+ more/);
  });

  it('keeps a short list whole', () => {
    const { blocks } = renderBlocks(longList(3));
    expect(JSON.stringify(blocks)).not.toMatch(/and \d+ more/);
    expect(buttonsOf(blocks as AnyBlock[]).length).toBe(3);
  });

  it('cuts long texts at 3,000 characters', () => {
    const view: View = {
      kind: 'message',
      tone: 'info',
      text: 'y'.repeat(10_000),
      lines: Array.from({ length: 500 }, () => 'z'.repeat(50)),
    };
    const { blocks, text } = renderBlocks(view);
    expectWithinLimits(blocks as AnyBlock[]);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toMatch(/and \d+ more/);
  });

  it('drops a button whose value would pass 2,000 characters instead of sending an invalid one', () => {
    const view: View = {
      kind: 'message',
      tone: 'info',
      text: 'x',
      actions: [{ verb: VERBS.refreshCard, label: 'Big', data: { cardKey: 'k'.repeat(2100) } }],
    };
    expect(buttonsOf(renderBlocks(view).blocks as AnyBlock[])).toEqual([]);
  });

  it('escapes user text so it cannot inject mrkdwn links or mentions', () => {
    const view: View = { kind: 'message', tone: 'info', text: `${TRICKY_TEXT} <!channel> <@U1>` };
    const all = textsOf(renderBlocks(view).blocks).join('\n');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<b>');
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('keeps the card key in the first block id', () => {
    const { blocks } = renderBlocks(sampleOf('requestNotice'), { cardKey: 'request:req-1' });
    expect(blocks[0]?.block_id).toBe('card|request:req-1');
  });

  it('says who decided on a decided request notice, with no buttons', () => {
    const decided = {
      ...sampleOf('requestNotice'),
      state: 'approved' as const,
      decisionLine: 'Approved by Ada for Sales — 10:42',
      actions: [],
    };
    const { blocks, text } = renderBlocks(decided);
    expect(JSON.stringify(blocks)).toContain('Approved by Ada for Sales');
    expect(text).toContain('Approved by Ada');
    expect(buttonsOf(blocks as AnyBlock[])).toEqual([]);
  });

  it('names the integration in every fallback', () => {
    expect(fallbackText(sampleOf('requestNotice'))).toContain(JIRA.name);
    expect(fallbackText(sampleOf('permissions'))).toContain(sampleOf('permissions').integration.name);
  });
});

describe('renderBulkModal', () => {
  const form = {
    title: 'Decide several requests at once',
    commandHint: '',
    fields: [
      {
        id: 'requests' as const,
        kind: 'choices' as const,
        label: 'Requests',
        required: true,
        choices: [
          { value: 'req-1', title: 'Jira' },
          { value: 'req-2', title: 'Zoom' },
        ],
      },
      { id: 'bulkReason' as const, kind: 'text' as const, label: 'Reason', required: false, maxLength: 500 },
    ],
    actions: [
      { verb: VERBS.approveSelected, label: 'Approve selected', data: {} },
      { verb: VERBS.denySelected, label: 'Deny selected', data: {} },
    ],
  };

  it('asks for the requests (required), the decision (approve first) and an optional reason', () => {
    const modal = renderBulkModal({ form, privateMetadata: '{}' });
    expect(modal.callback_id).toBe(BULK_FORM);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.blocks).toEqual([
      expect.objectContaining({
        block_id: 'requests',
        optional: false,
        element: expect.objectContaining({
          type: 'multi_static_select',
          options: [expect.objectContaining({ value: 'req-1' }), expect.objectContaining({ value: 'req-2' })],
        }),
      }),
      expect.objectContaining({
        block_id: 'decision',
        element: expect.objectContaining({
          type: 'radio_buttons',
          initial_option: expect.objectContaining({ value: VERBS.approveSelected }),
        }),
      }),
      expect.objectContaining({ block_id: 'bulkReason', optional: true }),
    ]);
  });
});

describe('renderActionModal', () => {
  const deny = {
    verb: VERBS.denyRequest,
    label: 'Deny',
    data: { requestId: 'req-1' },
    inputs: [REASON_INPUT],
  };
  const choose = {
    verb: VERBS.chooseGroups,
    label: 'Approve for chosen groups',
    data: { requestId: 'req-1' },
    inputs: [GROUPS_INPUT],
  };

  it('asks for the reason in a required text input', () => {
    const modal = renderActionModal({ action: deny, title: 'Deny request', privateMetadata: '{}' });
    expect(modal.callback_id).toBe(ACTION_FORM);
    expect(modal.blocks).toEqual([
      expect.objectContaining({
        type: 'input',
        block_id: 'reason',
        optional: false,
        element: expect.objectContaining({ type: 'plain_text_input', max_length: 500 }),
      }),
    ]);
  });

  it('offers the groups as a multi-select and keeps titles within 24 characters', () => {
    const modal = renderActionModal({
      action: choose,
      title: 'Approve for chosen groups please',
      privateMetadata: '{}',
    });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(modal.blocks)).toContain('"value":"sales"');
  });

  it('names the submit button by the first word of a label longer than Slack allows, never cut mid-word', () => {
    const modal = renderActionModal({ action: choose, title: 'Approve request', privateMetadata: '{}' });
    expect(choose.label.length).toBeGreaterThan(24);
    expect(modal.submit.text).toBe('Approve');
  });
});

describe('renderHome', () => {
  it('stacks several views within the 100 blocks of App Home, action ids unique across them', () => {
    const home = renderHome([longList(80), sampleOf('requestList'), longList(80), sampleOf('directory')]);
    expect(home.type).toBe('home');
    expectWithinLimits(home.blocks as AnyBlock[], 100);
  });
});
