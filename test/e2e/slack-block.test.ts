import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, blockActions, eventCallback } from '../adapters/slack/payloads.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/** Blocking and suggested alternatives through the real bot over Slack. */
let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
  await s.slash(ADMIN, 'notify here', 'C0ADMINS', 'admins');
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

const store = () => s.bot.core.deps.store.read();
const said = (answer: Record<string, unknown>) =>
  `${String(answer.text)}\n${JSON.stringify(answer.blocks ?? [])}`;

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

describe('blocking an integration on Slack', () => {
  it('closes the open request: the admin card is updated to say blocked, the requester is told why in a DM', async () => {
    await s.slash(MEMBER, 'request box because clients send Box links');
    const posted = await s.postIn('C0ADMINS', /^Request for Box/);
    const answer = await s.slash(ADMIN, 'block box because we keep files in Dropbox');
    expect(String(answer.text)).toMatch(/Box is blocked: .*1 requester was told why/);
    const updated = await s.api.waitForMatch(
      'chat.update',
      (c) =>
        c.args.channel === 'C0ADMINS' &&
        c.args.ts === posted.result?.ts &&
        /Blocked by Ada — \d\d:\d\d: we keep files in Dropbox/.test(JSON.stringify(c.args.blocks)),
    );
    expect(buttonsOf(updated.args.blocks).map((b) => b.verb)).not.toContain('approveRequest');
    const opened = await s.api.waitForMatch('conversations.open', (c) => c.args.users === MEMBER);
    const dm = must((opened.result?.channel as { id?: string } | undefined)?.id, 'DM with the member');
    const told = await s.postIn(dm, /Box was blocked by Ada/);
    expect(JSON.stringify(told.args)).toMatch(/we keep files in Dropbox/);
  });

  it('refuses later requests with the reason, approving and enabling it, and a member blocking', async () => {
    expect(said(await s.slash(MEMBER, 'request box'))).toMatch(/Box is blocked: we keep files in Dropbox/);
    expect(said(await s.slash(ADMIN, 'request box'))).toMatch(/Requests for it are refused/);
    expect(said(await s.slash(ADMIN, 'enable box for all'))).toMatch(
      /Unblock it first to enable it: unblock box/,
    );
    expect(said(await s.slash(ADMIN, 'approve box'))).toMatch(/Unblock it first to approve it/);
    expect(said(await s.slash(MEMBER, 'unblock box'))).toMatch(/Only system admins can block or unblock/);
    expect(said(await s.slash(ADMIN, 'block zoom'))).toMatch(/A reason is required/);
    expect(Object.keys(store().blocked)).toEqual(['box']);
    expect(store().installs.box).toBeUndefined();
  });

  it('shows it blocked in the directory and on App Home, and lists it under "blocked"', async () => {
    expect(said(await s.slash(MEMBER, 'integrations'))).toMatch(
      /Blocked \(1\).*Blocked by Ada on .*: we keep files in Dropbox/s,
    );
    expect(said(await s.slash(MEMBER, 'blocked'))).toMatch(/we keep files in Dropbox — blocked by Ada on/);
    s.api.reset();
    await s.send({ json: eventCallback(appHomeOpened({ user: MEMBER, channel: `D0${MEMBER}` })) });
    const [home] = await s.api.waitFor('views.publish', 1);
    const blocks = must(home?.args.view as { blocks: unknown[] } | undefined, 'the published home').blocks;
    expect(JSON.stringify(blocks)).toMatch(/Blocked by Ada on .*: we keep files in Dropbox/);
    const boxRequest = buttonsOf(blocks).find(
      (b) => b.verb === 'requestIntegration' && b.data.integrationId === 'box',
    );
    expect(boxRequest).toBeUndefined();
  });

  it('unblocks without re-opening: a new request is filed', async () => {
    expect(said(await s.slash(ADMIN, 'unblock box'))).toMatch(/Box is unblocked/);
    expect(said(await s.slash(MEMBER, 'request box'))).toMatch(/Your request for Box was sent/);
    expect(Object.values(store().requests).map((r) => r.state)).toEqual(['blocked', 'open']);
  });
});

describe('suggested alternatives on Slack', () => {
  it('offers Use and Still ask; Use files nothing, Still ask files with the reason kept', async () => {
    await s.slash(ADMIN, 'group create Sales');
    await s.slash(ADMIN, `group Sales add <@${MEMBER}>`);
    await s.slash(ADMIN, 'enable zoom for Sales');
    const offer = await s.slash(MEMBER, 'request bluejeans because clients use it');
    expect(said(offer)).toMatch(/Zoom is already on for Sales — use it, or still ask for BlueJeans\?/);
    expect(said(offer)).toMatch(/request bluejeans anyway because clients use it/);
    const buttons = buttonsOf(offer.blocks);
    expect(buttons.map((b) => b.verb)).toEqual(['useAlternative', 'requestIntegration']);
    const requests = Object.keys(store().requests).length;

    // The offer sits in the channel, so each answer replaces it in place.
    const answered = (text: RegExp) =>
      s.api.waitForMatch(
        'chat.update',
        (c) => c.args.channel === 'C0GENERAL' && c.args.ts === '1.1' && text.test(String(c.args.text)),
      );
    const useUrl = s.nextResponseUrl();
    await s.click(
      blockActions({
        user: MEMBER,
        button: must(buttons[0], 'Use'),
        channel: 'C0GENERAL',
        messageTs: '1.1',
        responseUrl: useUrl,
      }),
    );
    await answered(/Zoom is on for Sales, so you can use it now/);
    expect(Object.keys(store().requests)).toHaveLength(requests);

    const stillUrl = s.nextResponseUrl();
    await s.click(
      blockActions({
        user: MEMBER,
        button: must(buttons[1], 'Still ask'),
        channel: 'C0GENERAL',
        messageTs: '1.1',
        responseUrl: stillUrl,
      }),
    );
    await answered(/Your request for BlueJeans was sent/);
    const filed = Object.values(store().requests).find((r) => r.integrationId === 'bluejeans');
    expect(filed?.requesters).toEqual([
      expect.objectContaining({ personId: `slack:${MEMBER}`, reason: 'clients use it' }),
    ]);
  });
});
