import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  CHANNEL_CONVERSATION,
  executeInvoke,
  messageActivity,
} from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import { type ConnectorCall, type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { auditOf } from '../support/test-store.js';
import { CATALOG_CHANGES, changedCatalog, tempDataDir } from './helpers.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

type Json = Record<string, unknown>;

let connector: FakeBotConnector;
let t: TeamsBot;
const dataDir = tempDataDir('teams-catalog-');
const catalogFile = changedCatalog(CATALOG_CHANGES);
const say = (body: string, from = ADA) =>
  t.post(messageActivity({ serviceUrl: t.serviceUrl, from, text: body }));
const replyTo = (activity: { id: string }) => connector.calls.find((c) => c.activityId === activity.id);
const postsSaying = (needle: string) =>
  connector.calls.filter(
    (c) =>
      c.method === 'POST' && c.conversationId === CHANNEL_CONVERSATION && shownText(c.body).includes(needle),
  );
const cardOf = (call: ConnectorCall | undefined) =>
  ((call?.body.attachments as { content?: Json }[] | undefined) ?? [])[0]?.content;
const dataOf = (card: unknown, verb: string) =>
  findAll(card, 'Action.Execute').find((a) => a.verb === verb)?.data as Json | undefined;
const click = (verb: string, data: unknown, from = ADA) =>
  t.post(executeInvoke({ serviceUrl: t.serviceUrl, from, verb, data }));

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await startTeamsBot({ dataDir, connector });
  await t.post(messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'notify here' }));
  await say('enable jira for all');
  await say('enable dropbox for all');
  await say('set provider hangouts');
  await t.close();
  t = await startTeamsBot({ dataDir, connector, env: { CATALOG_FILE: catalogFile } });
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
  await connector.close();
});

describe('Teams: a CATALOG_FILE changes the permissions of enabled integrations', () => {
  it('posts one card per change at start, with exactly what was added and removed', async () => {
    await until(() => postsSaying('Jira now asks for more').length > 0, 'the Jira card');
    await until(() => postsSaying('Dropbox now asks for more').length > 0, 'the Dropbox card');
    const jira = shownText(postsSaying('Jira now asks for more')[0]?.body);
    expect(jira).toContain('Added: Delete Jira projects');
    expect(jira).toContain('Removed: Post link previews');
    expect(shownText(postsSaying('Dropbox now asks for more')[0]?.body)).toContain('Removed: nothing');
    expect(dataOf(cardOf(postsSaying('Jira now asks for more')[0]), 'approvePermissionChange')).toBeDefined();
    expect(dataOf(cardOf(postsSaying('Jira now asks for more')[0]), 'refusePermissionChange')).toBeDefined();
  });

  it('lists the pending changes on `changes`, to admins only', async () => {
    const ask = messageActivity({ serviceUrl: t.serviceUrl, text: 'changes' });
    await t.post(ask);
    expect(shownText(replyTo(ask)?.body)).toMatch(/Dropbox[\s\S]*Jira/);
    const member = messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'changes' });
    await t.post(member);
    expect(shownText(replyTo(member)?.body)).toMatch(/Only system admins can see pending permission changes/);
  });

  it('does not post the cards again after a restart', async () => {
    const before = postsSaying('now asks for more').length;
    await t.close();
    t = await startTeamsBot({ dataDir, connector, env: { CATALOG_FILE: catalogFile } });
    const ask = messageActivity({ serviceUrl: t.serviceUrl, text: 'provider' });
    await t.post(ask);
    await until(() => replyTo(ask) !== undefined, 'the provider answer');
    expect(t.bot.core.deps.store.read().outbox.filter((n) => n.state === 'queued')).toEqual([]);
    expect(postsSaying('now asks for more')).toHaveLength(before);
    expect(postsSaying('Google Hangouts was retired')).toHaveLength(1);
  });

  it('refuses Approve change to a member, then approves it for an admin, audited with both versions', async () => {
    const data = dataOf(cardOf(postsSaying('Jira now asks for more')[0]), 'approvePermissionChange');
    const refused = await click('approvePermissionChange', data, BOB);
    expect(shownText(refused.body?.value)).toMatch(/Only system admins can decide on permission changes/);
    const res = await click('approvePermissionChange', data);
    expect(res.status).toBe(200);
    expect(shownText(res.body?.value)).toMatch(/Approved the permission change of Jira/);
    expect(t.bot.core.deps.store.read().installs.jira?.approvedPermissions).toContain('Delete Jira projects');
    const entry = (await auditOf(dataDir)).find(
      (e) => e.action === 'permissions-approved' && e.integrationId === 'jira',
    );
    expect(entry?.details).toContain('"Post link previews"');
    expect(entry?.details).toContain('"Delete Jira projects"');
    const again = await click('approvePermissionChange', data);
    expect(shownText(again.body?.value)).toMatch(/Jira has no permission change waiting for a decision/);
  });

  it('turns Dropbox off with Disable', async () => {
    const data = dataOf(cardOf(postsSaying('Dropbox now asks for more')[0]), 'refusePermissionChange');
    const res = await click('refusePermissionChange', data);
    expect(shownText(res.body?.value)).toMatch(/Disabled Dropbox instead of approving its new permissions/);
    expect(t.bot.core.deps.store.read().installs.dropbox).toMatchObject({
      status: 'disabled',
      disabledBy: 'permission-change',
    });
  });
});

describe('Teams: provider retirement', () => {
  it('says on `provider` that Google Hangouts was retired and Google Chat succeeds it', async () => {
    const ask = messageActivity({ serviceUrl: t.serviceUrl, text: 'provider' });
    await t.post(ask);
    expect(shownText(replyTo(ask)?.body)).toMatch(
      /Google Hangouts was retired on 1 Nov 2022\. Google Chat succeeds it: switch with set provider google-chat\./,
    );
  });

  it('told the admin channel once, and its Switch button sets the successor', async () => {
    const [notice] = postsSaying('Google Hangouts was retired');
    expect(postsSaying('Google Hangouts was retired')).toHaveLength(1);
    const card = cardOf(notice);
    const button = findAll(card, 'Action.Execute').find((a) => a.verb === 'switchProvider');
    expect(button?.title).toBe('Switch to Google Chat');
    const res = await click('switchProvider', button?.data);
    expect(res.status).toBe(200);
    expect(t.bot.core.deps.store.read().provider.current).toBe('google-chat');
  });
});
