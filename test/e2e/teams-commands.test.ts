import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, BOB, BOT, messageActivity, type Scope } from '../adapters/teams/activities.js';
import { allStrings, findAll, shown } from '../adapters/teams/cards/card-checks.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

const BOB_TAG = `<at>${BOB.name}</at>`;

/**
 * Every command of docs/commands.md in the order an admin would try them, with what the answer must say. Later
 * commands rely on earlier ones (request before approve, group create before group add).
 */
const COMMANDS: [command: string, expected: RegExp[]][] = [
  ['help', [/Commands/, /notify here/, /admin add\|remove <person>/, /group <name> admin <person>/]],
  ['provider', [/Chat provider/, /No chat provider is set/]],
  ['set provider hangouts', [/The chat provider is Google Hangouts, set by Ada Lovelace/]],
  ['integrations', [/Integrations/, /Jira/, /Dropbox/, /SharePoint/]],
  ['permissions jira', [/Permissions for Jira/, /Read group posts and comments that contain Jira links/]],
  ['request dropbox because files', [/Your request for Dropbox was sent to the admins/]],
  ['my requests', [/Your requests/, /Dropbox/, /Ada Lovelace: files/]],
  ['requests', [/Pending requests/, /Dropbox/, /Approve for all/]],
  ['digest', [/Weekly digest, 2 May 2024/, /Most requested: Dropbox/, /Approve for all/]],
  ['approve dropbox for all', [/Permissions for Dropbox/, /Add enables Dropbox for all groups/]],
  ['deny dropbox because we use SharePoint', [/Denied by Ada Lovelace — 10:42: we use SharePoint/]],
  ['approve jira, zoom for all', [/Nothing was approved/, /Jira: Nobody has asked for Jira/]],
  [
    'deny dropbox, jirra because no',
    [/Nothing was denied/, /Dropbox: There is no pending request/, /Did you mean Jira/],
  ],
  ['block quip because we write in SharePoint', [/Quip is blocked: every request for it is refused/]],
  [
    'blocked',
    [/Blocked integrations/, /Quip/, /we write in SharePoint — blocked by Ada Lovelace on 2 May 2024/],
  ],
  ['request quip', [/Quip is blocked: we write in SharePoint/, /Requests for it are refused/]],
  ['unblock quip', [/Quip is unblocked/]],
  ['enable zoom for all', [/Zoom is enabled for all groups/]],
  ['enable box for all until 2027-12-31', [/Box is enabled for all groups until 31 Dec 2027/]],
  ['extend box by 30 days', [/Box now stays on until 30 Jan 2028 \(it was until 31 Dec 2027\)/]],
  ['extend zoom by 30 days', [/Zoom is not on with an end date/]],
  ['approve box for all for 0 days', [/"0 days" is too short/]],
  ['disable zoom', [/Zoom is disabled\. Its settings are kept/]],
  ['report', [/Permissions and data/, /Zoom/, /disabled/i]],
  ['remove zoom', [/Zoom was removed from every group/]],
  ['export', [/History of all integrations/, /CSV of every change/, /Download CSV/]],
  ['deadlines', [/Review deadlines/, /No integration needs a decision/]],
  ['digest', [/Nothing to report: no open request/]],
  ['keep jira', [/Jira is not enabled anywhere/]],
  ['connect jira', [/Jira has no connect step: it needs no authorisation/]],
  ['disconnect jira', [/Jira has no connect step/]],
  ['notices', [/Notices: \d+ queued/]],
  ['changes', [/No enabled integration asks for more than admins approved/]],
  ['notify here', [/Admin notices will come here \(1 admin channel in all\)/]],
  ['admins', [/System admins/, /Ada Lovelace/]],
  [`admin add ${BOB_TAG}`, [/Bob Member is now a system admin/]],
  ['groups', [/Groups/, /There is no group yet/]],
  ['group create sales', [/Group sales created/]],
  [`group sales add ${BOB_TAG}`, [/Bob Member is in sales/]],
  [`group sales admin ${BOB_TAG}`, [/Bob Member is now a group admin of sales/]],
  ['frobnicate', [/I don't know "frobnicate"/, /Try: help/]],
];

describe.each<Scope>(['personal', 'channel', 'groupChat'])('every command in %s scope', (scope) => {
  let t: TeamsBot;
  beforeAll(async () => {
    t = await startTeamsBot();
    // Real mention entities carry the 29: id only; the bot asks the connector for the AAD object id.
    t.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId });
  });
  afterAll(async () => {
    expect(t.cardProblems()).toEqual([]);
    await t.close();
  });

  it.each(COMMANDS)('answers `%s` with one card saying what happened', async (command, expected) => {
    const activity = messageActivity({
      serviceUrl: t.serviceUrl,
      scope,
      text: command,
      mentions: command.includes('<at>') ? [BOB] : [],
    });
    const res = await t.post(activity);
    expect(res.status).toBe(200);
    // Answers reply to the activity (POST …/activities/:id); proactive notices to admins do not.
    const replies = t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activity.id);
    expect(replies).toHaveLength(1);
    const reply = replies[0];
    expect(reply?.body).toMatchObject({ type: 'message', from: { id: BOT.id } });
    const said = shown(allStrings(reply?.body.attachments).join('\n'));
    for (const pattern of expected) expect(said).toMatch(pattern);
  });

  it('files mentioned people under their AAD object id', () => {
    const people = t.bot.core.deps.store.read().people;
    expect(people[`teams:${BOB.aadObjectId}`]?.role).toBe('system-admin');
    expect(people[`teams:${BOB.id}`]).toBeUndefined();
    expect(people[`teams:${ADA.aadObjectId}`]?.name).toBe(ADA.name);
  });

  it('offers the export as a browser link to the public URL', () => {
    const links = t.connector.calls.flatMap((c) => findAll(c.body.attachments, 'Action.OpenUrl'));
    expect(links.map((l) => String(l.url))).toContainEqual(
      expect.stringMatching(/^https:\/\/bot\.contoso\.com\/exports\//),
    );
  });
});
