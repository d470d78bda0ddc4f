import { describe, expect, it } from 'vitest';
import {
  commandText,
  decodeMessageId,
  encodeMessageId,
  kindOf,
  mentionedUserIds,
} from '../../../src/adapters/slack/conversation.js';
import { unfurlTarget } from '../../../src/adapters/slack/listeners/links.js';
import { isIgnoredMessage } from '../../../src/adapters/slack/listeners/messages.js';

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

  it('names mentions as Slack shows those people when the names are known', () => {
    const out = commandText({
      text: 'admin add <@U123>',
      botUserId: 'UBOT',
      names: { U123: 'Ada Lovelace' },
    });
    expect(out).toEqual({
      text: 'admin add @Ada Lovelace',
      mentions: [{ id: 'slack:U123', name: 'Ada Lovelace' }],
    });
  });

  it('lists mentioned user ids once each, in order', () => {
    expect(mentionedUserIds('<@UBOT> <@U2|b> and <@U1> and <@U2>')).toEqual(['UBOT', 'U2', 'U1']);
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

describe('isIgnoredMessage', () => {
  const typed = { type: 'message', user: 'U1', text: 'help', channel: 'D1', ts: '1.2', channel_type: 'im' };

  it('answers messages people typed', () => {
    expect(isIgnoredMessage(typed, 'UBOT')).toBe(false);
  });

  it.each([
    ['bot_message', { ...typed, subtype: 'bot_message', bot_id: 'B1', user: undefined }],
    [
      'message_changed',
      { type: 'message', subtype: 'message_changed', channel: 'D1', message: { user: 'U1', text: 'help' } },
    ],
    ['message_deleted', { type: 'message', subtype: 'message_deleted', channel: 'D1', deleted_ts: '1.1' }],
    ['an app post', { ...typed, bot_id: 'B2', app_id: 'A2', bot_profile: { id: 'B2' } }],
    ["the bot's own message", { ...typed, user: 'UBOT' }],
    ['something that is not an object', 'help'],
  ])('ignores %s', (_name, event) => {
    expect(isIgnoredMessage(event, 'UBOT')).toBe(true);
  });
});

describe('unfurlTarget', () => {
  const links = [{ domain: 'app.box.com', url: 'https://app.box.com/s/1' }];

  it('uses the channel and ts of a posted message', () => {
    const e = {
      user: 'U1',
      channel: 'C1',
      message_ts: '1.2',
      unfurl_id: 'C1.1.2.ab',
      source: 'conversations_history',
      links,
    };
    expect(unfurlTarget(e)).toEqual({ channel: 'C1', ts: '1.2' });
  });

  it('uses unfurl_id and source for a link still in the composer', () => {
    const e = {
      user: 'U1',
      channel: 'COMPOSER',
      message_ts: 'U1-909b5454-1',
      unfurl_id: 'U1-909b',
      source: 'composer',
      links,
    };
    expect(unfurlTarget(e)).toEqual({ unfurl_id: 'U1-909b', source: 'composer' });
  });

  it('answers null when the event names no message', () => {
    expect(unfurlTarget({ user: 'U1', links })).toBeNull();
    expect(unfurlTarget({ user: 'U1', channel: 'COMPOSER', links })).toBeNull();
  });
});
