import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_FILE_ENV } from '../../src/adapters/storage/fault-injection.js';
import { messageActivity } from '../adapters/teams/activities.js';
import { allStrings, shown } from '../adapters/teams/cards/card-checks.js';
import { ADMIN, type SlackBot, startSlackBot } from './slack-harness.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

const faultFile = join(tmpdir(), `store-fault-${process.pid}`);

/** Sends one command in a personal chat and returns the text of the one reply to it. */
async function say(t: TeamsBot, text: string, scope: 'personal' | 'groupChat' = 'personal'): Promise<string> {
  const activity = messageActivity({ serviceUrl: t.serviceUrl, scope, text, mentions: [] });
  const res = await t.post(activity);
  expect(res.status).toBe(200);
  const replies = t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activity.id);
  expect(replies).toHaveLength(1);
  return shown(allStrings(replies[0]?.body.attachments).join('\n'));
}

describe('a failing disk, through the real server (docs/product.md#safety-and-data)', () => {
  let t: TeamsBot;
  beforeAll(async () => {
    process.env[FAULT_FILE_ENV] = faultFile;
    t = await startTeamsBot();
    await say(t, 'groups');
  });
  afterAll(async () => {
    await t.close();
    delete process.env[FAULT_FILE_ENV];
    await rm(faultFile, { force: true });
  });

  it.each([
    ['ENOSPC', 'its disk is full'],
    ['EROFS', 'its disk is read-only'],
    ['EACCES', 'it has no permission to write its data files'],
    ['EIO', 'its disk reported an error'],
  ])(
    'answers a change that cannot be saved (%s) with the reason, and changes nothing',
    async (code, words) => {
      await writeFile(faultFile, `${code} state`);
      const said = await say(t, 'group create sales');
      expect(said).toContain(`The bot could not save this change: ${words}. Nothing changed`);
      expect(t.bot.core.deps.store.read().groups).toEqual({});
    },
  );

  it('answers in a conversation it has not seen, whose address it cannot save either', async () => {
    await writeFile(faultFile, 'ENOSPC state');
    const said = await say(t, 'group create sales', 'groupChat');
    expect(said).toContain('The bot could not save this change: its disk is full. Nothing changed');
    expect(t.bot.core.deps.store.read().groups).toEqual({});
  });

  it('saves the change once the disk has recovered', async () => {
    await rm(faultFile, { force: true });
    expect(await say(t, 'group create sales')).toMatch(/Group sales created/);
    expect(Object.keys(t.bot.core.deps.store.read().groups)).toHaveLength(1);
  });
});

describe('a failing disk, through Slack', () => {
  let s: SlackBot;
  beforeAll(async () => {
    process.env[FAULT_FILE_ENV] = faultFile;
    s = await startSlackBot();
  });
  afterAll(async () => {
    await s.close();
    delete process.env[FAULT_FILE_ENV];
    await rm(faultFile, { force: true });
  });

  it('answers a slash command whose change cannot be saved with the reason', async () => {
    await writeFile(faultFile, 'EROFS *');
    const reply = await s.slash(ADMIN, 'group create sales');
    expect(String(reply.text)).toContain('The bot could not save this change: its disk is read-only.');
    expect(s.bot.core.deps.store.read().groups).toEqual({});
    await rm(faultFile, { force: true });
    expect(String((await s.slash(ADMIN, 'group create sales')).text)).toMatch(/Group sales created/);
  });
});
