import { describe, expect, it } from 'vitest';
import { callProblems } from '../../fakes/slack-limits.js';

/** The limits check every Slack e2e test runs after itself must catch what Slack refuses. */
const post = (args: Record<string, unknown>, method = 'chat.postMessage') => ({
  method,
  args,
  token: null,
  at: 0,
});
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, value = '{}') => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text: 'Go' },
  value,
});

describe('callProblems', () => {
  it('accepts a message within the limits', () => {
    const blocks = [section('hi'), { type: 'actions', elements: [button('a:0'), button('a:1')] }];
    expect(callProblems(post({ text: 'hi', blocks }))).toEqual([]);
  });

  it.each([
    ['51 blocks in a message', post({ blocks: Array.from({ length: 51 }, () => section('x')) })],
    ['a text over 3,000 characters', post({ blocks: [section('x'.repeat(3001))] })],
    [
      'a header over 150 characters',
      post({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
    ],
    [
      'two buttons with one action_id',
      post({
        blocks: [
          { type: 'actions', elements: [button('a:0')] },
          { type: 'actions', elements: [button('a:0')] },
        ],
      }),
    ],
    [
      'a button value over 2,000 characters',
      post({ blocks: [{ type: 'actions', elements: [button('a:0', 'v'.repeat(2001))] }] }),
    ],
    [
      '101 blocks in a view',
      post(
        { view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) } },
        'views.publish',
      ),
    ],
    [
      'an unfurl over 50 blocks',
      post(
        { unfurls: { 'https://x.test': { blocks: Array.from({ length: 51 }, () => section('x')) } } },
        'chat.unfurl',
      ),
    ],
    ['a response_url post over the text limit', post({ text: 'x'.repeat(3001) }, 'response:r1')],
  ])('flags %s', (_name, call) => {
    expect(callProblems(call)).not.toEqual([]);
  });
});
