import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  CHANNEL_CONVERSATION,
  executeInvoke,
  messageActivity,
  queryLinkInvoke,
  type Scope,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

const BOB_ID = `teams:${BOB.aadObjectId}`;
const BOB_CHAT = `a:1personal-${BOB.aadObjectId}`;

let t: TeamsBot;
const store = () => t.bot.core.deps.store.read();

/** Says something as `from` and answers the text of the bot's one reply to it. */
async function say(from: typeof ADA, said: string, scope: Scope = 'personal'): Promise<string> {
  const activity = messageActivity({
    serviceUrl: t.serviceUrl,
    from,
    scope,
    text: said,
    mentions: said.includes('<at>') ? [BOB] : [],
  });
  expect((await t.post(activity)).status).toBe(200);
  const replies = t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activity.id);
  expect(replies).toHaveLength(1);
  return shownText(replies[0]?.body.attachments);
}

async function callWhere(check: (c: ConnectorCall) => boolean, what: string): Promise<ConnectorCall> {
  await until(() => t.connector.calls.some(check), what);
  const call = t.connector.calls.find(check);
  if (!call) throw new Error(what);
  return call;
}

beforeAll(async () => {
  t = await startTeamsBot();
  t.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId });
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

describe('blocking an integration on Teams', () => {
  it('closes its open request: the channel card says blocked with no buttons, the requester is told why', async () => {
    await say(ADA, 'notify here', 'channel');
    expect(await say(BOB, 'request box because clients send Box links')).toMatch(
      /Your request for Box was sent/,
    );
    const card = await callWhere(
      (c) => c.conversationId === CHANNEL_CONVERSATION && /Integration request: Box/.test(shownText(c.body)),
      'the Box card in the admin channel',
    );
    expect(findAll(card.body, 'Action.Execute').some((a) => a.verb === 'approveRequest')).toBe(true);

    const answer = await say(ADA, 'block box because we keep files in Dropbox', 'channel');
    expect(answer).toMatch(
      /Box is blocked: every request for it is refused with your reason\. Its pending request is closed; 1 requester was told why/,
    );

    const updated = await callWhere(
      (c) =>
        c.method === 'PUT' &&
        /Blocked by Ada Lovelace — 10:42: we keep files in Dropbox/.test(shownText(c.body)),
      'the Box card updated in place',
    );
    expect(updated.conversationId).toBe(CHANNEL_CONVERSATION);
    expect(findAll(updated.body, 'Action.Execute').filter((a) => a.verb !== 'refreshCard')).toEqual([]);
    const dm = await callWhere(
      (c) =>
        c.conversationId === BOB_CHAT &&
        /Box was blocked by Ada Lovelace; your request is closed/.test(shownText(c.body)),
      'the DM to Bob',
    );
    expect(shownText(dm.body)).toMatch(/we keep files in Dropbox/);
    expect(Object.values(store().requests).map((r) => r.state)).toEqual(['blocked']);
  });

  it('refuses every later request with the reason, to members and admins alike', async () => {
    const requests = Object.keys(store().requests).length;
    expect(await say(BOB, 'request box')).toMatch(
      /Box is blocked: we keep files in Dropbox \(blocked by Ada Lovelace on 2 May 2024\)\. Requests for it are refused\./,
    );
    expect(await say(ADA, 'request box')).toMatch(/Box is blocked: we keep files in Dropbox/);
    expect(Object.keys(store().requests)).toHaveLength(requests);
  });

  it('refuses approving or enabling it, saying to unblock first', async () => {
    expect(await say(ADA, 'approve box')).toMatch(/Unblock it first to approve it: unblock box/);
    expect(await say(ADA, 'enable box for all')).toMatch(/Unblock it first to enable it: unblock box/);
    expect(store().installs.box).toBeUndefined();
  });

  it('shows it blocked in the directory, and lists it under "blocked"', async () => {
    const directory = await say(BOB, 'integrations');
    expect(directory).toMatch(/Blocked \(1\)/);
    expect(directory).toMatch(/Blocked by Ada Lovelace on 2 May 2024: we keep files in Dropbox/);
    expect(await say(BOB, 'blocked')).toMatch(
      /Box\n?.*we keep files in Dropbox — blocked by Ada Lovelace on 2 May 2024/s,
    );
  });

  it('refuses a member blocking or unblocking, changing nothing, and asks an admin for a reason', async () => {
    const before = JSON.stringify(store().blocked);
    expect(await say(BOB, 'unblock box')).toMatch(/Only system admins can block or unblock integrations/);
    expect(await say(BOB, 'block jira because no')).toMatch(
      /Only system admins can block or unblock integrations/,
    );
    expect(await say(ADA, 'block jira')).toMatch(
      /A reason is required: it is told to everyone who asks for it/,
    );
    expect(await say(ADA, 'block jirra because no')).toMatch(/Did you mean Jira\?/);
    expect(JSON.stringify(store().blocked)).toBe(before);
  });

  it('answers a pasted Box link with why it is blocked, and no Request button', async () => {
    const res = await t.post(queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://app.box.com/s/abc' }));
    const unfurl = res.body?.composeExtension;
    expect(shownText(unfurl)).toMatch(
      /Box is blocked: we keep files in Dropbox \(blocked by Ada Lovelace on 2 May 2024\)/,
    );
    expect(shownText(unfurl)).not.toMatch(/Request Box/);
  });

  it('unblocks: it may be requested again as a new request, the closed one stays closed', async () => {
    expect(await say(ADA, 'unblock box')).toMatch(/Box is unblocked: people may request it again/);
    expect(await say(BOB, 'request box')).toMatch(/Your request for Box was sent/);
    expect(Object.values(store().requests).map((r) => r.state)).toEqual(['blocked', 'open']);
    expect(await say(BOB, 'integrations')).not.toMatch(/Blocked \(/);
  });
});

describe('suggested alternatives on Teams', () => {
  it('offers the one on for the requester’s group, with both choices, filing nothing', async () => {
    await say(ADA, 'group create Sales');
    await say(ADA, `group Sales add <at>${BOB.name}</at>`);
    await say(ADA, 'enable dropbox for Sales');
    const requests = Object.keys(store().requests).length;
    const activity = messageActivity({
      serviceUrl: t.serviceUrl,
      from: BOB,
      text: 'request google drive because docs',
    });
    await t.post(activity);
    const reply = t.connector.calls.find((c) => c.activityId === activity.id);
    expect(shownText(reply?.body.attachments)).toMatch(
      /Dropbox is already on for Sales — use it, or still ask for Google Drive\?/,
    );
    const buttons = findAll(reply?.body.attachments, 'Action.Execute');
    expect(buttons.map((b) => b.title)).toEqual(['Use Dropbox', 'Still ask for Google Drive']);
    expect(Object.keys(store().requests)).toHaveLength(requests);

    const use = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'useAlternative',
        data: buttons[0]?.data,
      }),
    );
    expect(shownText(use.body?.value)).toMatch(
      /Dropbox is on for Sales, so you can use it now\. Nothing was requested\./,
    );
    expect(Object.keys(store().requests)).toHaveLength(requests);

    const still = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'requestIntegration',
        data: buttons[1]?.data,
      }),
    );
    expect(shownText(still.body?.value)).toMatch(/Your request for Google Drive was sent to the admins/);
    const filed = Object.values(store().requests).find((r) => r.integrationId === 'google-drive');
    expect(filed?.requesters).toEqual([expect.objectContaining({ personId: BOB_ID, reason: 'docs' })]);
  });

  it('offers nothing to someone whose groups do not have it', async () => {
    expect(await say(ADA, 'request sharepoint')).toMatch(/Your request for SharePoint was sent/);
  });
});
