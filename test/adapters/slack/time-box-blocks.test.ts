import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../src/adapters/slack/blocks/index.js';
import type { View, ViewKind } from '../../../src/application/views/view.js';
import { sampleViews } from '../../fakes/sample-views.js';

type AnyBlock = Record<string, unknown> & { type: string };
const samplesOf = <K extends ViewKind>(kind: K) =>
  sampleViews().filter((view): view is Extract<View, { kind: K }> => view.kind === kind);

describe('the duration choice in Slack messages', () => {
  it("shows the approval step's duration as a static select above Add, preselected", () => {
    const step = samplesOf('permissions').find((v) => v.confirm) as View;
    const blocks = renderBlocks(step).blocks as AnyBlock[];
    const choice = blocks.find((b) => b.block_id === 'ends') as AnyBlock;
    expect(choice).toMatchObject({
      type: 'section',
      accessory: {
        type: 'static_select',
        action_id: expect.stringMatching(/^choice:\d+$/),
        initial_option: { value: 'days:90', text: { text: '90 days' } },
      },
    });
    const options = (choice.accessory as { options: { value: string }[] }).options.map((o) => o.value);
    expect(options).toEqual(['none', 'days:30', 'days:90', 'days:365']);
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as AnyBlock[]);
    expect(buttons.map((b) => (b.text as { text: string }).text)).toEqual(['Add']);
    expect(blocks.indexOf(choice)).toBeLessThan(blocks.findIndex((b) => b.type === 'actions'));
  });

  it('shows the heads-up with Extend, its duration, and Let it end', () => {
    const [headsUp] = samplesOf('timeBoxNotice');
    const { text, blocks } = renderBlocks(headsUp as View);
    expect(text).toContain("Jira's approval ends in 7 days");
    const choice = (blocks as AnyBlock[]).find((b) => b.block_id === 'ends');
    expect(choice).toMatchObject({ accessory: { initial_option: { value: 'days:30' } } });
    const buttons = (blocks as AnyBlock[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as AnyBlock[]);
    expect(buttons.map((b) => JSON.parse(b.value as string).verb)).toEqual([
      'extendTimeBox',
      'letTimeBoxEnd',
    ]);
  });
});
