import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/**
 * The outbox's Slack sender against Slack's error answers, through the real bot: a channel
 * that is gone stops being an admin channel and admins hear of it; a rate limit is waited out.
 */
let s: SlackBot;
beforeEach(async () => {
  s = await startSlackBot();
});
afterEach(async () => {
  expect(s.newLimitProblems()).toEqual([]);
  await s.close();
});

const isNotice = (integration: string) => (c: { args: Record<string, unknown> }) =>
  String(c.args.text).startsWith(`Request for ${integration}`);

describe('the Slack sender through the outbox', () => {
  it('marks an admin channel inactive on channel_not_found and tells the admins in a DM', async () => {
    await s.slash(ADMIN, 'notify here', 'C0GONE', 'old-admins');
    expect(s.bot.core.deps.store.read().adminChannels['slack:C0GONE']?.active).toBe(true);
    s.api.failNext('chat.postMessage', { error: 'channel_not_found' });

    await s.slash(MEMBER, 'request jira because bugs');
    const refused = await s.api.waitForMatch('chat.postMessage', (c) => c.args.channel === 'C0GONE');
    expect(refused.result).toBeUndefined();

    const opened = await s.api.waitForMatch('conversations.open', (c) => c.args.users === ADMIN);
    const dm = String((opened.result?.channel as { id?: string } | undefined)?.id);
    const told = await s.postIn(dm, /can no longer post to old-admins \(channel_not_found\)/);
    expect(told.args.text).toMatch(/no longer an admin channel/);
    expect(s.bot.core.deps.store.read().adminChannels['slack:C0GONE']).toMatchObject({
      active: false,
      inactiveReason: 'channel_not_found',
    });
    expect(s.api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0GONE')).toHaveLength(1);
  });

  it('waits out ratelimited with Retry-After before posting again, then delivers once', async () => {
    await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
    s.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    await s.slash(MEMBER, 'request box because files');
    const attempts = await s.api.waitFor('chat.postMessage', 2);
    const [limited, retried] = attempts;
    expect(limited?.result).toBeUndefined();
    expect(isNotice('Box')(retried ?? { args: {} })).toBe(true);
    expect(retried?.result).toMatchObject({ ok: true, channel: 'C0ADMINS' });
    // Retry-After: 1 (seconds): no second call may come before the second is over.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    const delivered = s.api.callsTo('chat.postMessage').filter((c) => c.result && isNotice('Box')(c));
    expect(delivered).toHaveLength(1);
    expect(s.bot.core.deps.store.read().adminChannels['slack:C0ADMINS']?.active).toBe(true);
  });

  it.each(['not_in_channel', 'is_archived'])('treats %s as a channel that is gone', async (code) => {
    await s.slash(ADMIN, 'notify here', 'C0OLD', 'old');
    s.api.failNext('chat.postMessage', { error: code });
    await s.slash(MEMBER, 'request quip because docs');
    await s.api.waitForMatch('conversations.open', (c) => c.args.users === ADMIN);
    expect(s.bot.core.deps.store.read().adminChannels['slack:C0OLD']).toMatchObject({
      active: false,
      inactiveReason: code,
    });
  });
});
