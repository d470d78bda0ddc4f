import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../../src/domain/limits.js';
import { type ADA, BOB, messageActivity, type Scope } from '../adapters/teams/activities.js';
import { allStrings, shown } from '../adapters/teams/cards/card-checks.js';
import { tempDataDir } from './helpers.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

/** Entra allows display names of 256 characters; a guest or a renamed account may send more. */
const LONG = {
  id: '29:1long-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-0000000010a6',
  name: 'L'.repeat(300),
};
const MENTIONED = {
  id: '29:1mentioned-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-00000000e471',
  name: `M${'e'.repeat(299)}`,
};

let open: TeamsBot[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const t of open) await t.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  open = [];
  dirs = [];
});

async function bot(dataDir: string) {
  const t = await startTeamsBot({ dataDir });
  open.push(t);
  return t;
}

async function stop(t: TeamsBot) {
  open = open.filter((o) => o !== t);
  await t.close();
}

/** Sends a message and returns the text of the bot's answer to it. */
async function say(
  t: TeamsBot,
  input: { text: string; from?: typeof ADA; scope?: Scope; mentions?: (typeof ADA)[]; channelName?: string },
) {
  const activity = messageActivity({ serviceUrl: t.serviceUrl, ...input });
  const channel = 'channel' in activity.channelData ? activity.channelData.channel : null;
  if (input.channelName && channel) channel.name = input.channelName;
  const res = await t.post(activity);
  expect(res.status).toBe(200);
  const replies = t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activity.id);
  return shown(allStrings(replies.map((r) => r.body)).join('\n'));
}

describe('Teams: what a message brings is bounded before it is stored (docs/product.md#safety-and-data)', () => {
  it('stores a 300-character display name, a long mention and a long channel name cut, and restarts on the data', async () => {
    const dataDir = tempDataDir('teams-bounded-');
    dirs.push(dataDir);
    const first = await bot(dataDir);
    first.connector.members.set(MENTIONED.id, { ...MENTIONED });
    expect(await say(first, { from: LONG, text: 'request jira because we track bugs there' })).toMatch(
      /Your request for Jira was sent to the admins/,
    );
    await say(first, { text: 'group create sales' });
    expect(
      await say(first, { text: `group sales add <at>${MENTIONED.name}</at>`, mentions: [MENTIONED] }),
    ).toMatch(/is in sales/);
    expect(
      await say(first, {
        scope: 'channel',
        text: 'notify here',
        channelName: `Admins ${'of everything '.repeat(30)}`,
      }),
    ).toMatch(/Admin notices will come here/);
    await stop(first);

    // The restart is the point: the data file written above must load.
    const second = await bot(dataDir);
    const state = second.bot.core.deps.store.read();
    expect(state.people[`teams:${LONG.aadObjectId}`]?.name).toBe(`${'L'.repeat(MAX_NAME_LENGTH - 1)}…`);
    expect(state.people[`teams:${MENTIONED.aadObjectId}`]?.name).toHaveLength(MAX_NAME_LENGTH);
    expect(Object.values(state.groups)[0]?.members).toEqual([`teams:${MENTIONED.aadObjectId}`]);
    expect(Object.values(state.adminChannels)[0]?.name).toHaveLength(MAX_NAME_LENGTH);
    expect(await say(second, { from: LONG, text: 'my requests' })).toMatch(/Jira/);
  });

  it('refuses with 400 a sender whose id the store could not keep, stores nothing, and restarts on the data', async () => {
    const dataDir = tempDataDir('teams-bounded-');
    dirs.push(dataDir);
    const first = await bot(dataDir);
    const odd = { id: '29:1odd-bf-id', aadObjectId: 'o'.repeat(MAX_ID_LENGTH + 1), name: 'Odd' };
    const before = first.bot.core.deps.store.read().people;
    // Refused where the activity is read (an id goes into keys, URLs and headers), before any turn.
    const res = await first.post(
      messageActivity({ serviceUrl: first.serviceUrl, from: odd, text: 'request jira' }),
    );
    expect(res.status).toBe(400);
    expect(first.connector.calls).toEqual([]);
    expect(first.bot.core.deps.store.read().people).toEqual(before);
    expect(first.bot.core.deps.store.read().requests).toEqual({});
    await stop(first);
    await bot(dataDir);
  });

  it('refuses `admin add` with an over-long id, stores nothing, and restarts on the data', async () => {
    const dataDir = tempDataDir('teams-bounded-');
    dirs.push(dataDir);
    const first = await bot(dataDir);
    await say(first, { text: 'help' });
    const before = JSON.stringify(first.bot.core.deps.store.read().people);
    const id = `teams:${'x'.repeat(MAX_ID_LENGTH + 1)}`;
    expect(await say(first, { text: `admin add ${id}` })).toMatch(
      /That id is too long: at most 400 characters/,
    );
    expect(JSON.stringify(first.bot.core.deps.store.read().people)).toBe(before);
    await stop(first);
    const second = await bot(dataDir);
    expect(second.bot.core.deps.store.read().people[id]).toBeUndefined();
  });
});

describe('Teams: a display name never names a person in admin and group commands (docs/commands.md)', () => {
  it('refuses `admin add <display name>` and `group … add <display name>`, and takes the mention', async () => {
    const dataDir = tempDataDir('teams-names-');
    dirs.push(dataDir);
    const t = await bot(dataDir);
    t.connector.members.set(BOB.id, { ...BOB });
    await say(t, { from: BOB, text: 'help' });
    await say(t, { text: 'group create sales' });
    for (const text of [
      `admin add ${BOB.name}`,
      `group sales add ${BOB.name}`,
      `group sales admin @${BOB.name}`,
    ]) {
      expect(await say(t, { text }), text).toMatch(/Mention the person \(@name\) or give their id/);
    }
    const state = t.bot.core.deps.store.read();
    expect(state.people[`teams:${BOB.aadObjectId}`]?.role).toBe('member');
    expect(Object.values(state.groups)[0]?.members).toEqual([]);
    expect(await say(t, { text: `admin add <at>${BOB.name}</at>`, mentions: [BOB] })).toMatch(
      /Bob Member is now a system admin/,
    );
  });
});
