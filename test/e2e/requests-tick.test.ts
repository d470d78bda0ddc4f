import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir } from './helpers.js';

const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  ADMINS: 'console:admin,console:root',
  TIMEZONE: 'UTC',
  // The weekly digest would list the waiting requests too; these counts are about the request pass.
  DIGEST: 'off',
});
const tick = (dataDir: string, at: string) =>
  runScript({ script: 'src/bin/tick.ts', args: ['--at', at], env: env(dataDir) });
const chat = (dataDir: string, as: string, stdin: string) =>
  runScript({ script: 'src/bin/chat.ts', args: ['--as', as], env: env(dataDir), stdin });
const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length;
const HOUR = 3_600_000;

/** Each tick is a process of its own: every step below is also a restart over the same data directory. */
describe('npm run tick: requests that wait', () => {
  it('reminds, escalates and expires each once across restarts, and nothing for a decided request', {
    timeout: 180_000,
  }, async () => {
    const dataDir = tempDataDir('bot-requests-tick-');
    const asked = await chat(dataDir, 'ada', 'request jira because we track bugs there\nrequest zoom\n');
    expect(asked.stdout).toContain('Your request for Jira was sent to the admins');
    const filed = Date.now();
    const at = (hours: number) => new Date(filed + hours * HOUR).toISOString();

    const early = await tick(dataDir, at(47));
    expect(early.stdout).toContain('Done: 0 changed, 0 queued');

    const remind = await tick(dataDir, at(49));
    expect(remind.code).toBe(0);
    expect(
      count(remind.stdout, /queued: reminder \(Jira, r\d+-[\w-]+\) → console:admin, console:root/g),
    ).toBe(1);
    expect(count(remind.stdout, 'queued: reminder (Zoom')).toBe(1);
    expect(count(remind.stdout, 'Waiting 2 days')).toBe(4);

    // Zoom is decided meanwhile: nothing more is ever sent for it, and the admins are not chased.
    const denied = await chat(dataDir, 'admin', 'deny zoom because we use Teams meetings\n');
    expect(denied.stdout).toContain('Denied');

    const sameAgain = await tick(dataDir, at(50));
    expect(sameAgain.stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');

    const escalate = await tick(dataDir, at(5 * 24 + 1));
    expect(count(escalate.stdout, 'queued: escalation (Jira')).toBe(1);
    expect(escalate.stdout).not.toContain('Zoom');
    expect(count(escalate.stdout, 'Waiting 5 days')).toBe(2);
    expect((await tick(dataDir, at(6 * 24))).stdout).toContain('Done: 0 changed, 0 queued');

    const expire = await tick(dataDir, at(30 * 24 + 1));
    expect(expire.stdout).toMatch(/change: Jira: request r\d+-[\w-]+ expired after 30 days/);
    expect(count(expire.stdout, 'queued: expired (Jira')).toBe(1);
    expect(expire.stdout).toContain('Your request for Jira expired: no admin decided it in 30 days.');
    expect(expire.stdout).toContain('Request again');
    expect(expire.stdout).not.toContain('Zoom');
    expect(expire.code).toBe(0);
    expect((await tick(dataDir, at(31 * 24))).stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');

    const mine = await chat(dataDir, 'ada', 'my requests\n1\nmy requests\n');
    // `my requests` offers [1] Request again on the expired one; pressing 1 re-files it.
    expect(mine.stdout).toMatch(
      /Jira \(Atlassian\) — expired[^\n]*\n\s+Asked [^\n]*· expired \d+ \w+ \d{4}: no decision in time\n\s+\[1\] Request again/,
    );
    expect(mine.stdout).toMatch(
      /Zoom \([^)]*\) — denied[^\n]*\n\s+Asked [^\n]*· denied \d+ \w+ \d{4} by admin: we use Teams meetings/,
    );
    expect(mine.stdout).toContain('Your request for Jira was sent to the admins');
    expect(mine.stdout).toMatch(/Jira \(Atlassian\) — open[^\n]*\n\s+Asked [^\n]*· waiting for a decision/);
  });

  it('refuses to decide an expired request with a clear sentence', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('bot-requests-tick-');
    await chat(dataDir, 'ada', 'request jira\n');
    await tick(dataDir, new Date(Date.now() + 31 * 24 * HOUR).toISOString());
    const late = await chat(dataDir, 'admin', 'approve jira for all\n');
    expect(late.stdout).toMatch(
      /The request for Jira expired on \d+ \w+ \d{4} without a decision, so there is nothing to approve; nothing was changed/,
    );
  });
});
