import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir } from './helpers.js';

// Requests are filed by the console at today's date and the ticks run in 2027: the waiting-request
// delays are set far enough that the request neither expires nor adds reminder cards meanwhile.
const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  ADMINS: 'console:admin',
  TIMEZONE: 'Europe/Paris',
  REQUEST_REMIND_AFTER: '3000d',
  REQUEST_ESCALATE_AFTER: '3300d',
  REQUEST_EXPIRE_AFTER: '3600d',
});
const tick = (dataDir: string, at: string) =>
  runScript({ script: 'src/bin/tick.ts', args: ['--at', at], env: env(dataDir) });
const chat = (dataDir: string, lines: string[]) =>
  runScript({ script: 'src/bin/chat.ts', env: env(dataDir), stdin: `${[...lines, '/quit'].join('\n')}\n` });
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('the weekly digest from the command line', () => {
  it('sends one card per admin channel per period across restarts, and none when there is nothing to say', {
    timeout: 180_000,
  }, async () => {
    const dataDir = tempDataDir('bot-digest-');
    const quiet = await chat(dataDir, ['/in admins', 'notify here', 'digest']);
    expect(quiet.stdout).toContain('Nothing to report: no open request');

    // Wednesday 27 Jan: the period of Monday 25 Jan has nothing to say, so no card.
    const empty = await tick(dataDir, '2027-01-27T10:00:00Z');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Digest of the period starting 2027-01-25: nothing to report');
    expect(empty.stdout).not.toContain('Weekly digest');

    const asked = await chat(dataDir, [
      '/as ada',
      'request jira because we track bugs there',
      'digest',
      '/as admin',
      'digest',
    ]);
    expect(asked.stdout).toContain('Only system admins can see the digest');
    expect(asked.stdout).toContain('Most requested: Jira');

    // Still the period of 25 Jan, whose digest was settled: nothing until Monday 09:00 in Paris (08:00Z).
    expect((await tick(dataDir, '2027-01-31T12:00:00Z')).stdout).toContain('2027-01-25: already sent');
    const early = await tick(dataDir, '2027-02-01T07:59:00Z');
    expect(early.stdout).not.toContain('Weekly digest');

    const monday = await tick(dataDir, '2027-02-01T08:00:00Z');
    expect(monday.code).toBe(0);
    expect(monday.stdout).toContain('Digest of the period starting 2027-02-01: 1 queued');
    expect(count(monday.stdout, 'Weekly digest, 1 Feb 2027')).toBe(1);
    expect(monday.stdout).toContain('Most requested: Jira');

    const again = await tick(dataDir, '2027-02-01T15:00:00Z');
    expect(again.stdout).toContain('2027-02-01: already sent');
    expect(again.stdout).not.toContain('Weekly digest');

    const next = await tick(dataDir, '2027-02-08T08:30:00Z');
    expect(count(next.stdout, 'Weekly digest, 8 Feb 2027')).toBe(1);
    expect((await tick(dataDir, '2027-02-09T08:30:00Z')).stdout).not.toContain('Weekly digest');
  });
});
