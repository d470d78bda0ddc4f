import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOT,
  CHANNEL_CONVERSATION,
  executeInvoke,
  messageActivity,
  TENANT_ID,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
/** A member who only ever talks to the bot in a team channel, never in a personal chat. */
const DANA = {
  id: '29:1dana-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-0000000da4a1',
  name: 'Dana Member',
};
const DANA_ID = `teams:${DANA.aadObjectId}`;
const ADA_ID = `teams:${ADA.aadObjectId}`;

let t: TeamsBot;

const creates = () => t.connector.calls.filter((c) => c.kind === 'createConversation');
const store = () => t.bot.core.deps.store.read();
const inChannel = (from: typeof ADA, said: string) =>
  t.post(messageActivity({ serviceUrl: t.serviceUrl, from, scope: 'channel', text: said }));

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** The first connector call matching, once the outbox has made it. */
async function callWhere(check: (c: ConnectorCall) => boolean, what: string): Promise<ConnectorCall> {
  await until(() => t.connector.calls.some(check), what);
  return must(t.connector.calls.find(check), what);
}

beforeAll(async () => {
  t = await startTeamsBot();
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

describe('Teams direct messages to people the bot never chatted with in private', () => {
  it('gives up a notice to a person the bot never saw, saying why, without trying to open a chat', async () => {
    // No admin channel yet, so the request goes to the one admin by DM; Ada has sent nothing so far.
    await inChannel(DANA, 'request jira because we track bugs there');
    await until(
      () => store().outbox.some((n) => n.target === ADA_ID && n.state === 'given-up'),
      'the notice to Ada given up',
    );
    const notice = must(
      store().outbox.find((n) => n.target === ADA_ID),
      'notice to Ada',
    );
    expect(notice.lastError).toMatch(/never saw this person/);
    expect(notice.lastError).toMatch(/installed for them, or in a team they belong to/);
    expect(creates()).toEqual([]);
  });

  it('remembers what opens a chat with a member seen in a channel, not a conversation', () => {
    expect(store().addresses[DANA_ID]?.data).toEqual({
      platform: 'teams',
      kind: 'member',
      serviceUrl: t.serviceUrl,
      channelId: 'msteams',
      tenantId: TENANT_ID,
      user: { id: DANA.id, name: DANA.name },
      bot: { id: BOT.id, name: BOT.name },
    });
  });

  it('opens a 1:1 chat to tell a channel-only requester of the decision, then posts there', async () => {
    await inChannel(ADA, 'notify here');
    await inChannel(DANA, 'request zoom because calls');
    const notice = await callWhere(
      (c) => c.conversationId === CHANNEL_CONVERSATION && /Integration request: Zoom/.test(shownText(c.body)),
      'the Zoom notice',
    );
    const approve = findAll(notice.body, 'Action.Execute').find(
      (a) => a.verb === 'approveRequest' && (a.data as Json).scope === 'all',
    );
    const step = await t.post(
      executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb: 'approveRequest', data: approve?.data }),
    );
    const confirm = findAll(step.body?.value, 'Action.Execute').find((a) => a.verb === 'confirmApprove');
    await t.post(
      executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb: 'confirmApprove', data: confirm?.data }),
    );

    const create = await callWhere((c) => c.kind === 'createConversation', 'the 1:1 chat created');
    expect(create.body).toEqual({
      isGroup: false,
      bot: { id: BOT.id, name: BOT.name },
      members: [{ id: DANA.id }],
      tenantId: TENANT_ID,
      channelData: { tenant: { id: TENANT_ID } },
    });
    const dm = await callWhere(
      (c) => c.kind === 'activity' && c.conversationId === create.id && /approved/i.test(shownText(c.body)),
      'the DM in the new chat',
    );
    expect(dm).toMatchObject({ method: 'POST', activityId: null });
    expect(t.connector.calls.indexOf(dm)).toBeGreaterThan(t.connector.calls.indexOf(create));
    expect(store().addresses[DANA_ID]?.data).toMatchObject({
      conversation: { id: create.id, conversationType: 'personal', tenantId: TENANT_ID },
    });
  });

  it('reuses the opened chat for the next DM, even after the member speaks in the channel again', async () => {
    const chat = must(creates()[0], 'the opened chat').id;
    await inChannel(DANA, 'requests');
    expect(store().addresses[DANA_ID]?.data).toMatchObject({ conversation: { id: chat } });
    await inChannel(ADA, 'deny jira because we use Azure Boards');
    await callWhere(
      (c) => c.conversationId === chat && /Azure Boards/.test(shownText(c.body)),
      'the second DM in the same chat',
    );
    expect(creates()).toHaveLength(1);
  });

  it('gives up a DM when Teams refuses the chat because the app is not installed for the person', async () => {
    const erin = { id: '29:1erin-bf-id', aadObjectId: '6a1d7c2e-0000-4000-8000-00000000e4e1', name: 'Erin' };
    t.connector.notInstalledFor.add(erin.id);
    await inChannel(erin, 'request box because files');
    await inChannel(ADA, 'deny box because we keep files in SharePoint');
    const erinId = `teams:${erin.aadObjectId}`;
    await until(
      () => store().outbox.some((n) => n.target === erinId && n.state === 'given-up'),
      'the notice to Erin given up',
    );
    const notice = must(
      store().outbox.find((n) => n.target === erinId),
      'notice to Erin',
    );
    expect(notice.lastError).toMatch(/refused a 1:1 chat.*installed for them.*BotNotInConversationRoster/);
    expect(store().addresses[erinId]?.data).toMatchObject({ kind: 'member' });
  });

  it('lets admins read why each DM was given up with `notices`', async () => {
    const ask = messageActivity({ serviceUrl: t.serviceUrl, from: ADA, scope: 'channel', text: 'notices' });
    await t.post(ask);
    const reply = shownText(t.connector.calls.find((c) => c.activityId === ask.id)?.body);
    expect(reply).toMatch(new RegExp(`${ADA_ID}[\\s\\S]*never saw this person`));
    expect(reply).toMatch(/refused a 1:1 chat[\s\S]*BotNotInConversationRoster/);
  });
});
