import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  CHANNEL_CONVERSATION,
  executeInvoke,
  installActivity,
  messageActivity,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
const CAROL = {
  id: '29:1carol-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-0000000ca401',
  name: 'Carol Admin',
};
const BOB_DM = `a:1personal-${BOB.aadObjectId}`;

let t: TeamsBot;

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** Data of the card's Action.Execute with this verb (and scope, for approvals). */
function actionData(card: unknown, verb: string, scope?: string): Json {
  const found = findAll(card, 'Action.Execute').find(
    (a) => a.verb === verb && (!scope || (a.data as Json).scope === scope),
  );
  return must(found?.data as Json | undefined, `${verb} button`);
}

/** The admin notice the outbox posted to the `notify here` channel for an integration. */
async function noticeFor(name: string): Promise<ConnectorCall> {
  const isNotice = (c: ConnectorCall) =>
    c.method === 'POST' &&
    c.conversationId === CHANNEL_CONVERSATION &&
    shownText(c.body).includes(`Integration request: ${name}`);
  await until(() => t.connector.calls.some(isNotice), `the ${name} notice`);
  return must(t.connector.calls.find(isNotice), `${name} notice`);
}

const requestsState = () => JSON.stringify(t.bot.core.deps.store.read().requests);
const click = (from: typeof ADA, verb: string, data: unknown) =>
  t.post(executeInvoke({ serviceUrl: t.serviceUrl, from, verb, data }));

beforeAll(async () => {
  t = await startTeamsBot();
  t.connector.members.set(CAROL.id, CAROL);
});
afterAll(async () => {
  expect(t.allCards().length).toBeGreaterThan(10);
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

describe('Teams: install, admin channel and mentions', () => {
  it('welcomes on install and says how to make a channel the notification channel', async () => {
    const res = await t.post(installActivity({ serviceUrl: t.serviceUrl }));
    expect(res.status).toBe(200);
    const welcome = must(t.connector.calls.at(-1), 'welcome');
    expect(welcome.conversationId).toBe(CHANNEL_CONVERSATION);
    expect(shownText(welcome.body)).toMatch(/notify here/);
  });

  it('makes the channel the admin channel and adds an admin by mention', async () => {
    await t.post(messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'notify here' }));
    const add = messageActivity({
      serviceUrl: t.serviceUrl,
      scope: 'channel',
      text: `admin add <at>${CAROL.name}</at>`,
      mentions: [CAROL],
    });
    await t.post(add);
    const reply = t.connector.calls.find((c) => c.activityId === add.id);
    expect(shownText(reply?.body)).toMatch(/Carol Admin is now a system admin/);
    expect(t.bot.core.deps.store.read().people[`teams:${CAROL.aadObjectId}`]?.role).toBe('system-admin');
  });
});

describe('Teams: request → admin card → decisions', () => {
  let notice: ConnectorCall;
  let confirm: Json;

  it('posts the admin card proactively to the admin channel when a member asks in a personal chat', async () => {
    const ask = messageActivity({
      serviceUrl: t.serviceUrl,
      from: BOB,
      text: 'request jira because we track bugs there',
    });
    await t.post(ask);
    const receipt = t.connector.calls.find((c) => c.activityId === ask.id);
    expect(receipt?.conversationId).toBe(BOB_DM);
    expect(shownText(receipt?.body)).toMatch(/Your request for Jira was sent to the admins/);
    notice = await noticeFor('Jira');
    expect(notice.activityId).toBeNull();
    // The line Teams shows in notifications and the chat list instead of "sent a card".
    expect(notice.body.summary).toBe('Integration request: Jira');
    expect(shownText(notice.body)).toMatch(/Bob Member/);
    expect(shownText(notice.body)).toMatch(/we track bugs there/);
    expect(shownText(notice.body)).toMatch(/Read group posts and comments that contain Jira links/);
  });

  it('refuses Approve from a member with an error card and changes nothing', async () => {
    const before = requestsState();
    const res = await click(BOB, 'approveRequest', actionData(notice.body, 'approveRequest', 'all'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(shownText(res.body?.value)).toMatch(/admin/i);
    expect(findAll(res.body?.value, 'Action.Execute').filter((a) => a.verb === 'confirmApprove')).toEqual([]);
    expect(requestsState()).toBe(before);
  });

  it('shows an admin the permissions before Add, then approves and updates the posted card in place', async () => {
    const step = await click(ADA, 'approveRequest', actionData(notice.body, 'approveRequest', 'all'));
    expect(shownText(step.body?.value)).toMatch(/Permissions for Jira/);
    confirm = actionData(step.body?.value, 'confirmApprove');
    const done = await click(ADA, 'confirmApprove', confirm);
    expect(done.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(shownText(done.body?.value)).toMatch(/Approved by Ada Lovelace for all groups — 10:42/);
    const isUpdate = (c: ConnectorCall) =>
      c.method === 'PUT' &&
      c.activityId === notice.id &&
      shownText(c.body).includes('Approved by Ada Lovelace');
    await until(() => t.connector.calls.some(isUpdate), 'the in-place update');
    const update = must(t.connector.calls.find(isUpdate), 'update');
    expect(update.conversationId).toBe(CHANNEL_CONVERSATION);
    expect(update.body.summary).toMatch(/^Jira: Approved by Ada Lovelace/);
    expect(findAll(update.body, 'Action.Execute').filter((a) => a.verb === 'approveRequest')).toEqual([]);
  });

  it('tells the requester in their personal chat', async () => {
    const isDm = (c: ConnectorCall) =>
      c.method === 'POST' &&
      c.conversationId === BOB_DM &&
      /approved/i.test(shownText(c.body)) &&
      c.activityId === null;
    await until(() => t.connector.calls.some(isDm), 'the requester DM');
  });

  it('tells a second admin who already decided, and decides nothing twice', async () => {
    const before = requestsState();
    const installs = JSON.stringify(t.bot.core.deps.store.read().installs);
    const late = await click(CAROL, 'confirmApprove', confirm);
    expect(late.status).toBe(200);
    expect(shownText(late.body?.value)).toMatch(/Ada Lovelace/);
    const again = await click(CAROL, 'approveRequest', actionData(notice.body, 'approveRequest', 'all'));
    expect(shownText(again.body?.value)).toMatch(/already/i);
    expect(shownText(again.body?.value)).toMatch(/Ada Lovelace/);
    expect(requestsState()).toBe(before);
    expect(JSON.stringify(t.bot.core.deps.store.read().installs)).toBe(installs);
  });
});

describe('Teams: deny with a reason, and refresh', () => {
  let notice: ConnectorCall;

  it('gives admins the actions and members a read-only card on refresh', async () => {
    await t.post(
      messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'request zoom because calls' }),
    );
    notice = await noticeFor('Zoom');
    const refresh = must(
      (notice.body.attachments as { content: Json }[])[0]?.content.refresh as Json,
      'refresh',
    );
    const { verb, data } = refresh.action as { verb: string; data: Json };
    const forAdmin = await t.post(
      executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb, data, trigger: 'automatic' }),
    );
    const forMember = await t.post(
      executeInvoke({ serviceUrl: t.serviceUrl, from: BOB, verb, data, trigger: 'automatic' }),
    );
    const verbs = (card: unknown) => findAll(card, 'Action.Execute').map((a) => a.verb);
    expect(verbs(forAdmin.body?.value)).toEqual(expect.arrayContaining(['approveRequest', 'denyRequest']));
    expect(verbs(forMember.body?.value)).not.toContain('approveRequest');
    expect(verbs(forMember.body?.value)).not.toContain('denyRequest');
    expect(shownText(forMember.body?.value)).toMatch(/Integration request: Zoom/);
  });

  // Teams always submits the card's inputs (an empty field as ''); a payload without `reason` is forged.
  // The engine words that case with zod's default message until its Reason schema names it.
  it.each([
    ['no reason', {}, /A reason is required|expected string/],
    ['a blank reason', { reason: '   ' }, /A reason is required/],
  ])('refuses Deny with %s and changes nothing', async (_label, inputs, said) => {
    const before = requestsState();
    const res = await click(ADA, 'denyRequest', { ...actionData(notice.body, 'denyRequest'), ...inputs });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(shownText(res.body?.value)).toMatch(said);
    expect(findAll(res.body?.value, 'Action.Execute')).toEqual([]);
    expect(requestsState()).toBe(before);
  });

  it('denies with the reason typed on the card, updates the card and tells the requester why', async () => {
    const res = await click(ADA, 'denyRequest', {
      ...actionData(notice.body, 'denyRequest'),
      reason: 'Use Teams meetings',
    });
    expect(shownText(res.body?.value)).toMatch(/Denied by Ada Lovelace/);
    const isUpdate = (c: ConnectorCall) =>
      c.method === 'PUT' && c.activityId === notice.id && /Denied by/.test(shownText(c.body));
    await until(() => t.connector.calls.some(isUpdate), 'the in-place update');
    expect(shownText(t.connector.calls.find(isUpdate)?.body)).toMatch(/Use Teams meetings/);
    const isDm = (c: ConnectorCall) =>
      c.conversationId === BOB_DM && /Use Teams meetings/.test(shownText(c.body));
    await until(() => t.connector.calls.some(isDm), 'the requester DM');
  });

  it('refuses a forged action with an error card', async () => {
    const before = requestsState();
    const res = await click(ADA, 'approveRequest', { requestId: 'nope', scope: 'everyone' });
    expect(shownText(res.body?.value)).toMatch(/not valid|could not be read/);
    const unknown = await click(ADA, 'dropTables', { requestId: 'x' });
    expect(shownText(unknown.body?.value)).toMatch(/not valid|could not be read/);
    expect(requestsState()).toBe(before);
  });
});
