import { describe, expect, it } from 'vitest';
import { auditOf } from '../support/test-store.js';
import { runScript, tempDataDir } from './helpers.js';

const STORY = [
  'group create Sales',
  'group Sales add console:ada',
  '/as ada',
  'request jira because bugs',
  'request zoom because calls',
  'request box because files',
  'deny jira, zoom because I am no admin',
  '/as admin',
  'requests',
  'approve jira, zoom, dropbox for Sales',
  'deny box, jira because we keep files in SharePoint',
  '/quit',
].join('\n');

describe('npm run chat: bulk decisions', () => {
  it('decides several at once, each its own audit entry, and says what was not decided and why', async () => {
    const dataDir = tempDataDir();
    const run = await runScript({
      script: 'src/bin/chat.ts',
      env: { DATA_DIR: dataDir, PUBLIC_URL: 'http://bot.test' },
      stdin: `${STORY}\n`,
    });
    const out = run.stdout;
    expect(run.code, run.stderr).toBe(0);
    expect(out).toContain('Only system admins can deny requests');
    expect(out).toContain(
      'Decide several at once: approve Jira, Zoom [for all], or deny Jira, Zoom because <reason>.',
    );
    expect(out).toContain('Approved 2 of 3: Jira, Zoom.');
    expect(out).toMatch(/✓ Jira: Approved by admin for Sales/);
    expect(out).toMatch(/✓ Zoom: Approved by admin for Sales/);
    expect(out).toContain('✗ Dropbox: Nobody has asked for Dropbox.');
    expect(out).toContain('Denied 1 of 2: Box.');
    expect(out).toMatch(
      /✗ Jira: There is no pending request for Jira; the last one was decided: Approved by admin for Sales/,
    );
    expect(out).toMatch(/📬 to ada:[\s\S]*approved Jira for Sales/);
    expect(out).toMatch(/📬 to ada:[\s\S]*approved Zoom for Sales/);
    expect(out).toMatch(/📬 to ada:[\s\S]*denied your request for Box/);
    const audit = await auditOf(dataDir);
    const decisions = audit.filter((e) => e.action === 'request-approved' || e.action === 'request-denied');
    expect(decisions.map((e) => [e.action, e.integrationId, e.actor])).toEqual([
      ['request-approved', 'jira', 'console:admin'],
      ['request-approved', 'zoom', 'console:admin'],
      ['request-denied', 'box', 'console:admin'],
    ]);
  });
});
