import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BOB, messageActivity } from '../adapters/teams/activities.js';
import { allStrings, shown } from '../adapters/teams/cards/card-checks.js';
import { auditOf } from '../support/test-store.js';
import { tempDataDir } from './helpers.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

const BOB_ID = `teams:${BOB.aadObjectId}`;
let open: TeamsBot | null = null;
let dataDir = '';
afterEach(async () => {
  await open?.close();
  open = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function say(t: TeamsBot, text: string, from = ADA) {
  const activity = messageActivity({
    serviceUrl: t.serviceUrl,
    from,
    text,
    mentions: text.includes('<at>') ? [BOB] : [],
  });
  expect((await t.post(activity)).status).toBe(200);
  const replies = t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activity.id);
  return shown(allStrings(replies.map((r) => r.body)).join('\n'));
}

describe('ADMINS makes the listed ids system admins at every start', () => {
  it('promotes a member seen before once listed, audits it as system, and keeps them against admin remove', async () => {
    dataDir = tempDataDir('teams-admins-');
    open = await startTeamsBot({ dataDir });
    open.connector.members.set(BOB.id, { ...BOB });
    expect(await say(open, 'report', BOB)).toMatch(/Only system admins/);
    expect(open.bot.core.deps.store.read().people[BOB_ID]?.role).toBe('member');
    await open.close();

    open = await startTeamsBot({ dataDir, admins: `teams:${ADA.aadObjectId},${BOB_ID}` });
    open.connector.members.set(BOB.id, { ...BOB });
    expect(open.bot.core.deps.store.read().people[BOB_ID]).toMatchObject({
      role: 'system-admin',
      name: BOB.name,
    });
    expect(await say(open, 'report', BOB)).toMatch(/Permissions and data/);
    expect(await say(open, `admin remove <at>${BOB.name}</at>`)).toMatch(
      /Bob Member is listed in ADMINS, which makes them a system admin at every start\. Take them out of ADMINS and restart to remove them\./,
    );
    expect(open.bot.core.deps.store.read().people[BOB_ID]?.role).toBe('system-admin');
    await open.close();
    open = null;

    const audit = await auditOf(dataDir);
    // Ada at the first start (never seen), Bob at the second (seen as a member); nothing else.
    expect(
      audit.filter((e) => e.action.startsWith('admin-')).map((e) => [e.actor, e.action, e.details]),
    ).toEqual([
      ['system', 'admin-added', `teams:${ADA.aadObjectId} (listed in ADMINS)`],
      ['system', 'admin-added', `${BOB_ID} (listed in ADMINS)`],
    ]);
  });
});
