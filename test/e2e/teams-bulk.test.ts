import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, BOB, executeInvoke, messageActivity } from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;
const BOB_ID = `teams:${BOB.aadObjectId}`;
const BOB_DM = `a:1personal-${BOB.aadObjectId}`;

let t: TeamsBot;

const store = () => t.bot.core.deps.store.read();
const requestsState = () => JSON.stringify(store().requests);
const openId = (integrationId: string) => store().openRequests[integrationId] ?? 'none';

async function say(from: typeof ADA, words: string): Promise<Json> {
  const activity = messageActivity({ serviceUrl: t.serviceUrl, from, text: words });
  await t.post(activity);
  const reply = t.connector.calls.find((c) => c.activityId === activity.id);
  if (!reply) throw new Error(`no reply to "${words}"`);
  return reply.body;
}

const click = (from: typeof ADA, verb: string, data: Json) =>
  t.post(executeInvoke({ serviceUrl: t.serviceUrl, from, scope: 'personal', verb, data }));

async function auditOf(action: string): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for await (const e of t.bot.core.deps.audit.read()) if (e.action === action) ids.push(e.integrationId);
  return ids;
}

beforeAll(async () => {
  t = await startTeamsBot();
  await say(ADA, 'group create Sales');
  await say(ADA, `group Sales add ${BOB_ID}`);
  for (const name of ['jira', 'zoom', 'box', 'dropbox'])
    await say(BOB, `request ${name} because the team needs it`);
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

describe('Teams: deciding several requests from the requests card', () => {
  it('shows admins a multi-select of the pending requests, a reason and two buttons', async () => {
    const card = await say(ADA, 'requests');
    const [choice] = findAll(card, 'Input.ChoiceSet').filter((c) => c.id === 'requests');
    expect(choice).toMatchObject({ isMultiSelect: true, isRequired: false });
    expect(((choice?.choices ?? []) as { value: string }[]).map((c) => c.value)).toEqual(
      ['jira', 'zoom', 'box', 'dropbox'].map(openId),
    );
    expect(findAll(card, 'Input.Text').filter((i) => i.id === 'bulkReason')).toHaveLength(1);
    const buttons = findAll(card, 'Action.Execute').filter((a) => /Selected$/.test(String(a.verb)));
    expect(buttons.map((b) => [b.verb, b.title])).toEqual([
      ['approveSelected', 'Approve selected'],
      ['denySelected', 'Deny selected'],
    ]);
    // Both send the card's inputs: the selection and the reason.
    expect(buttons.every((b) => b.associatedInputs === undefined)).toBe(true);
  });

  it('refuses a member posting the bulk action payload, and changes nothing', async () => {
    const before = requestsState();
    const res = await click(BOB, 'approveSelected', { requests: `${openId('jira')},${openId('zoom')}` });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(shownText(res.body?.value)).toMatch(/Only system admins can approve integrations/);
    expect(requestsState()).toBe(before);
  });

  it('refuses Deny selected without a reason, and changes nothing', async () => {
    const before = requestsState();
    const res = await click(ADA, 'denySelected', { requests: openId('box'), bulkReason: '' });
    expect(shownText(res.body?.value)).toMatch(/A reason is required/);
    expect(requestsState()).toBe(before);
  });

  it('approves the chosen ones each on its own, answering the list as it now stands and what was decided', async () => {
    const jira = openId('jira');
    const zoom = openId('zoom');
    // A multi-select sends its values as one comma-separated string; a stale id rides along.
    const res = await click(ADA, 'approveSelected', {
      requests: `${jira},${zoom},req-stale`,
      bulkReason: '',
    });
    const card = res.body?.value;
    expect(shownText(card)).toMatch(/Pending requests/);
    expect(shownText(card)).not.toMatch(/Jira/);
    expect(shownText(card)).toMatch(/Box/);
    expect(store().requests[jira]?.state).toBe('approved');
    expect(store().requests[zoom]?.state).toBe('approved');
    expect(store().installs.jira).toMatchObject({ status: 'enabled', scope: { kind: 'groups' } });
    const summary = (c: { body: Json }) => /Approved 2 of 3: Jira, Zoom/.test(shownText(c.body));
    await until(() => t.connector.calls.some(summary), 'the summary');
    const said = shownText(t.connector.calls.find(summary)?.body);
    expect(said).toMatch(/That request no longer exists/);
    expect(await auditOf('request-approved')).toEqual(['jira', 'zoom']);
    const told = (c: { conversationId: string; body: Json }) =>
      c.conversationId === BOB_DM && /approved/i.test(shownText(c.body));
    await until(() => t.connector.calls.filter(told).length >= 2, 'both requester notices');
  });

  it('denies the chosen ones with one reason, the first decision winning over one already approved', async () => {
    const res = await click(ADA, 'denySelected', {
      requests: [openId('box'), openId('dropbox')].join(','),
      bulkReason: 'we keep files in SharePoint',
    });
    expect(shownText(res.body?.value)).toMatch(/No request is waiting/);
    expect(await auditOf('request-denied')).toEqual(['box', 'dropbox']);
    const box = Object.values(store().requests).find((r) => r.integrationId === 'box');
    expect(box?.decision).toMatchObject({ reason: 'we keep files in SharePoint' });
    const jira = Object.values(store().requests).find((r) => r.integrationId === 'jira');
    const again = await click(ADA, 'denySelected', { requests: jira?.id ?? '', bulkReason: 'late' });
    expect(again.body?.value).toBeDefined();
    expect(store().requests[jira?.id ?? '']?.state).toBe('approved');
    const late = (c: { body: Json }) =>
      /Nothing was denied/.test(shownText(c.body)) && /Already decided/.test(shownText(c.body));
    await until(() => t.connector.calls.some(late), 'the already-decided line');
  });
});
