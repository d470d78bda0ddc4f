import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockActions } from '../adapters/slack/payloads.js';
import { fixedClock } from '../fakes/clock.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** The message's state as Slack sends it with a click: the duration chosen in the select beside the button. */
const chosen = (value: string) => ({
  values: { ends: { 'choice:0': { type: 'static_select', selected_option: { value } } } },
});

const clock = fixedClock('2027-01-01T10:00:00Z');
let s: SlackBot | null = null;
afterAll(async () => {
  await s?.close();
});

describe('Slack: a time-boxed approval through heads-up, a restart, Extend and the end', () => {
  it('approves for the duration chosen beside Add, warns a week before the end once, and ends it once', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slack-timebox-'));
    s = await startSlackBot({ dataDir, clock });
    await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
    await s.slash(MEMBER, 'request jira because we track bugs there');

    const step = await s.slash(ADMIN, 'approve jira for all for 30 days');
    const select = (step.blocks as { block_id?: string; accessory?: Record<string, unknown> }[]).find(
      (b) => b.block_id === 'ends',
    );
    expect(select?.accessory).toMatchObject({ type: 'static_select', initial_option: { value: 'days:30' } });
    const add = must(
      buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove'),
      'Add button',
    );
    // The admin picks 90 days in the select, then clicks Add: the choice wins over the typed 30.
    await s.click({
      ...blockActions({ user: ADMIN, button: add, channel: 'C0GENERAL', responseUrl: s.nextResponseUrl() }),
      state: chosen('days:90'),
    });
    const store = () => must(s, 'bot').bot.core.deps.store.read();
    await s.api.waitForMatch('chat.postMessage', (c) =>
      /approved Jira for all groups until 1 Apr 2027/.test(String(c.args.text)),
    );
    expect(store().installs.jira?.endsAt).toBe('2027-04-02T00:00:00.000Z');

    clock.set('2027-03-26T00:00:00Z');
    await s.bot.core.runDeadlines();
    const headsUp = await s.postIn('C0ADMINS', /^Jira's approval ends in 7 days/);
    const headsUpButtons = buttonsOf(headsUp.args.blocks);
    expect(headsUpButtons.map((b) => b.verb)).toEqual(['extendTimeBox', 'letTimeBoxEnd']);

    // A restart: the heads-up is not sent again.
    await s.close();
    s = await startSlackBot({ dataDir, clock });
    clock.set('2027-03-27T09:00:00Z');
    expect(await s.bot.core.runDeadlines()).toMatchObject({ changes: [], notices: [] });

    const extend = must(
      headsUpButtons.find((b) => b.verb === 'extendTimeBox'),
      'Extend',
    );
    await s.click({
      ...blockActions({
        user: ADMIN,
        button: extend,
        channel: String(headsUp.result?.channel),
        messageTs: String(headsUp.result?.ts),
        responseUrl: s.nextResponseUrl(),
      }),
      state: chosen('days:30'),
    });
    await s.api.waitForMatch('chat.update', (c) => /time box moved/.test(String(c.args.text)));
    expect(store().installs.jira?.endsAt).toBe('2027-05-02T00:00:00.000Z');

    // A member cannot extend it.
    await s.click({
      ...blockActions({
        user: MEMBER,
        button: extend,
        channel: 'C0GENERAL',
        responseUrl: s.nextResponseUrl(),
      }),
      state: chosen('days:365'),
    });
    expect(store().installs.jira?.endsAt).toBe('2027-05-02T00:00:00.000Z');

    clock.set('2027-05-02T00:00:00Z');
    await s.bot.core.runDeadlines();
    const told = await s.api.waitForMatch('chat.postMessage', (c) =>
      /Jira is off now/.test(String(c.args.text)),
    );
    expect(String(told.args.text)).toContain('its approval for all groups ran until 1 May 2027');
    expect(store().installs.jira).toMatchObject({ status: 'disabled', disabledBy: 'time-box' });
    await s.postIn('C0ADMINS', /^Jira's time box ended/);

    await s.close();
    s = await startSlackBot({ dataDir, clock });
    clock.set('2027-05-03T00:00:00Z');
    await s.bot.core.runDeadlines();
    await s.slash(ADMIN, 'notices', 'C0ADMINS');
    expect(
      s.api.callsTo('chat.postMessage').filter((c) => /is off now|time box/.test(String(c.args.text))),
    ).toEqual([]);
    expect(s.newLimitProblems()).toEqual([]);
  });
});
