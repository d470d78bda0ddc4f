import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir } from './helpers.js';

/** Plays the story of the README in `npm run chat`, as a newcomer would type it. */
const STORY = [
  'group create Sales',
  'group Sales add console:ada',
  'group Sales add console:bob',
  '/as ada',
  'request Jira because we track bugs there',
  '/as bob',
  'request jira because support uses it too',
  'approve jira',
  '/as admin',
  'requests',
  'approve jira for Sales',
  '1',
  'report',
  'export jira',
  'set provider skype',
  'frobnicate',
  '/quit',
].join('\n');

describe('npm run chat', () => {
  it('plays the whole story as members and as an admin', async () => {
    const dataDir = tempDataDir();
    const run = await runScript({
      script: 'src/bin/chat.ts',
      env: { DATA_DIR: dataDir, PUBLIC_URL: 'http://bot.test' },
      stdin: `${STORY}\n`,
    });
    const out = run.stdout;
    expect(run.code, run.stderr).toBe(0);
    expect(out).toContain('Your request for Jira was sent to the admins');
    expect(out).toContain('You joined the request for Jira (2 people asked)');
    expect(out).toContain('Only system admins can approve integrations');
    expect(out).toContain('we track bugs there');
    expect(out).toMatch(/Add Jira for Sales/);
    expect(out).toMatch(/Approved by admin for Sales/);
    expect(out).toMatch(/📬 to ada:[\s\S]*approved Jira for Sales/);
    expect(out).toMatch(/📬 to bob:[\s\S]*approved Jira for Sales/);
    expect(out).toMatch(/http:\/\/bot\.test\/exports\/\S+/);
    expect(out).toContain('https://login.microsoftonline.com/organizations/v2.0/adminconsent?');
    expect(out).toContain('I don\'t know "frobnicate"');
  });

  it('keeps the data for the next run', async () => {
    const dataDir = tempDataDir();
    await runScript({ script: 'src/bin/chat.ts', env: { DATA_DIR: dataDir }, stdin: 'group create Sales\n' });
    const second = await runScript({
      script: 'src/bin/chat.ts',
      env: { DATA_DIR: dataDir },
      stdin: 'groups\n',
    });
    expect(second.stdout).toContain('Sales');
  });
});
