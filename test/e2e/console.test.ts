import { describe, expect, it } from 'vitest';
import { storeEnv } from '../support/test-store.js';
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

  it('blocks, refuses requests with the reason, unblocks; offers an alternative with both choices', async () => {
    const script = [
      'group create Sales',
      'group Sales add console:ada',
      '/as ada',
      'request box because clients send Box links',
      'block box because mine now',
      '/as admin',
      'block box',
      'block box because we keep files in Dropbox',
      '/as ada',
      'request box',
      '/as admin',
      'approve box',
      'integrations',
      'blocked',
      'unblock box',
      'enable dropbox for Sales',
      '/as ada',
      'request google drive because docs',
      '1',
      'request google drive because docs',
      '2',
      'my requests',
      '/quit',
    ].join('\n');
    const run = await runScript({
      script: 'src/bin/chat.ts',
      env: { DATA_DIR: tempDataDir(), PUBLIC_URL: 'http://bot.test' },
      stdin: `${script}\n`,
    });
    const out = run.stdout;
    expect(run.code, run.stderr).toBe(0);
    expect(out).toContain('Only system admins can block or unblock integrations');
    expect(out).toContain('A reason is required: it is told to everyone who asks for it.');
    expect(out).toContain('Box is blocked: every request for it is refused with your reason.');
    expect(out).toMatch(/📬 to ada:[\s\S]*Box was blocked by admin[\s\S]*we keep files in Dropbox/);
    expect(out).toMatch(
      /Box is blocked: we keep files in Dropbox \(blocked by admin on \d+ \w+ \d{4}\)\. Requests for it are refused\./,
    );
    expect(out).toContain('Unblock it first to approve it: unblock box');
    expect(out).toMatch(/Blocked by admin on \d+ \w+ \d{4}: we keep files in Dropbox/);
    expect(out).toContain('Box is unblocked');
    expect(out).toContain('Dropbox is already on for Sales — use it, or still ask for Google Drive?');
    expect(out).toContain('To still ask, say: request google-drive anyway because docs');
    expect(out).toContain('Dropbox is on for Sales, so you can use it now. Nothing was requested.');
    expect(out).toContain('Your request for Google Drive was sent to the admins');
    expect(out).toMatch(/Google Drive[\s\S]*docs/);
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

describe('npm run chat serves its own links', () => {
  it('downloads the export and completes Skype consent while the console is open', async () => {
    const { spawn } = await import('node:child_process');
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/chat.ts'], {
      env: await storeEnv({
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: base,
        DATA_DIR: tempDataDir(),
      }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
      for (let i = 0; i < 200; i++) {
        const match = out.match(pattern);
        if (match) return match;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${pattern} in:\n${out}`);
    };
    try {
      child.stdin.write('group create Sales\nenable dropbox for Sales\nexport\n');
      const [exportUrl] = await waitFor(new RegExp(`${base}/exports/\\S+`));
      const csv = await fetch(exportUrl);
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain('integration-enabled');
      child.stdin.write('set provider skype\n');
      const [callback] = await waitFor(
        new RegExp(`${base}/auth/office365/callback\\?admin_consent=True\\S+`),
      );
      const page = await fetch(callback);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Skype for Business is set up');
      child.stdin.write('provider\n');
      await waitFor(/The chat provider is Skype for Business/);
    } finally {
      child.stdin.end('/quit\n');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
