import { describe, expect, it } from 'vitest';
import { CATALOG_CHANGES, changedCatalog, runScript, tempDataDir } from './helpers.js';

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('console and tick: permission changes and provider retirement', () => {
  it('tells the admin once across restarts, lists the change and approves it from `changes`', {
    timeout: 180_000,
  }, async () => {
    const dataDir = tempDataDir('console-catalog-');
    const env = { DATA_DIR: dataDir, ADMINS: 'console:admin', TIMEZONE: 'Europe/Paris' };
    const changed = { ...env, CATALOG_FILE: changedCatalog(CATALOG_CHANGES) };
    const chat = (stdin: string, withEnv: Record<string, string>) =>
      runScript({ script: 'src/bin/chat.ts', env: withEnv, stdin });

    const setup = await chat('enable jira for all\nenable dropbox for all\nset provider hangouts\n', env);
    expect(setup.stdout).toContain('Jira is enabled for all groups.');

    const tick = await runScript({
      script: 'src/bin/tick.ts',
      args: ['--at', '2026-12-01T09:00:00Z'],
      env: changed,
    });
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toContain('queued: permission change (Jira) → console:admin');
    expect(tick.stdout).toContain('queued: permission change (Dropbox) → console:admin');
    expect(tick.stdout).toContain('queued: provider retirement (hangouts) → console:admin');
    expect(count(tick.stdout, 'Jira now asks for more than admins approved')).toBe(1);
    expect(tick.stdout).toContain('Added: Delete Jira projects');
    expect(tick.stdout).toContain('Removed: Post link previews');
    expect(tick.stdout).toContain('Switch to Google Chat');

    const again = await runScript({
      script: 'src/bin/tick.ts',
      args: ['--at', '2026-12-02T09:00:00Z'],
      env: changed,
    });
    expect(again.stdout).toContain('Done: 0 changed, 0 queued, 0 delivered');

    const decide = await chat('changes\n1\nprovider\nchanges\n', changed);
    expect(decide.stdout).not.toContain('now asks for more');
    expect(decide.stdout).toMatch(/Dropbox — Added: Delete every file · Removed: nothing/);
    expect(decide.stdout).toContain('Approved the permission change of Dropbox');
    expect(decide.stdout).toContain('Google Hangouts was retired on 1 Nov 2022');
    expect(decide.stdout).toMatch(/Jira — Added: Delete Jira projects/);
  });
});
