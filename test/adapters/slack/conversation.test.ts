import { describe, expect, it } from 'vitest';
import {
  commandText,
  decodeMessageId,
  encodeMessageId,
  kindOf,
} from '../../../src/adapters/slack/conversation.js';

describe('commandText', () => {
  it("drops the bot's own mention", () => {
    expect(commandText({ text: '<@UBOT> request jira', botUserId: 'UBOT' })).toEqual({
      text: 'request jira',
      mentions: [],
    });
  });

  it('turns other mentions into @name with a Mention each, in order', () => {
    const out = commandText({ text: '<@UBOT> group sales add <@U123|ada> and <@W456>', botUserId: 'UBOT' });
    expect(out.text).toBe('group sales add @ada and @W456');
    expect(out.mentions).toEqual([
      { id: 'slack:U123', name: 'ada' },
      { id: 'slack:W456', name: 'W456' },
    ]);
  });

  it('unwraps links, channels and entities Slack escaped', () => {
    const out = commandText({
      text: 'request <https://acme.atlassian.net/x|jira> in <#C1|general> because a &amp; b &lt;3',
    });
    expect(out.text).toBe('request https://acme.atlassian.net/x in #general because a & b <3');
  });
});

describe('kindOf', () => {
  it('reads im as personal, mpim as group, others as channel', () => {
    expect(kindOf('D1', 'im')).toBe('personal');
    expect(kindOf('G1', 'mpim')).toBe('group');
    expect(kindOf('C1', 'channel')).toBe('channel');
    expect(kindOf('D1')).toBe('personal');
    expect(kindOf('C1')).toBe('channel');
  });
});

describe('message ids', () => {
  it('carry the channel and the ts, and refuse anything else', () => {
    const id = encodeMessageId('C123', '1700000000.000100');
    expect(decodeMessageId(id)).toEqual({ channel: 'C123', ts: '1700000000.000100' });
    expect(decodeMessageId('teams:abc')).toBeNull();
    expect(decodeMessageId('C123/not-a-ts')).toBeNull();
  });
});
