import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir } from './helpers.js';

const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  ADMINS: 'console:admin',
  TIMEZONE: 'Europe/Paris',
  DIGEST: 'off',
});
const tick = (dataDir: string, at: string) =>
  runScript({ script: 'src/bin/tick.ts', args: ['--at', at], env: env(dataDir) });
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('npm run tick: a time-boxed approval', () => {
  it('approves on the console until a date, then heads-up and end, each once across separate runs', {
    timeout: 180_000,
  }, async () => {
    const dataDir = tempDataDir('bot-timebox-');
    const chat = await runScript({
      script: 'src/bin/chat.ts',
      env: env(dataDir),
      stdin: [
        '/in admins',
        'notify here',
        '/dm',
        '/as ada',
        'request jira because we track bugs there',
        '/as admin',
        'approve jira for all until 2027-03-31',
        '1',
        'integrations',
        '',
      ].join('\n'),
    });
    expect(chat.stdout).toContain('[1] Add Jira for all groups (Until 31 Mar 2027)');
    expect(chat.stdout).toContain('[2] Add Jira for all groups (No end)');
    expect(chat.stdout).toContain('Approved by admin for all groups until 31 Mar 2027');
    expect(chat.stdout).toContain('On for all groups until 31 Mar 2027');

    const before = await tick(dataDir, '2027-03-24T21:00:00Z');
    expect(before.stdout).toContain('Done: 0 changed, 0 queued');

    // Midnight in Paris on 25 Mar is 23:00 UTC on the 24th: seven days before the end.
    const headsUp = await tick(dataDir, '2027-03-24T23:00:00Z');
    expect(headsUp.code).toBe(0);
    expect(headsUp.stdout).toContain('queued: time-box-heads-up (Jira) → console:#admins');
    expect(count(headsUp.stdout, "Jira's approval ends in 7 days")).toBe(1);
    expect(headsUp.stdout).toContain('[1] Extend (30 days)');
    expect(headsUp.stdout).toContain('[4] Let it end');

    const again = await tick(dataDir, '2027-03-26T08:00:00Z');
    expect(again.stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');
    expect(again.stdout).not.toContain('ends in');

    const end = await tick(dataDir, '2027-04-01T08:00:00Z');
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('change: Jira: disabled at the end of its time box (2027-03-31)');
    expect(end.stdout).toContain('queued: time-box-ended DM (Jira) → console:ada');
    expect(count(end.stdout, 'Jira is off now: its approval for all groups ran until 31 Mar 2027')).toBe(1);
    expect(count(end.stdout, "Jira's time box ended")).toBe(1);

    const after = await tick(dataDir, '2027-04-02T08:00:00Z');
    expect(after.stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');
  });
});
