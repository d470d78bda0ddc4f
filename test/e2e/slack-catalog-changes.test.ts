import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blockActions } from '../adapters/slack/payloads.js';
import { auditOf } from '../support/test-store.js';
import { CATALOG_CHANGES, changedCatalog, tempDataDir } from './helpers.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

const CHANNEL = 'C0ADMINS1';
const dataDir = tempDataDir('slack-catalog-');
const catalogFile = changedCatalog(CATALOG_CHANGES);
let s: SlackBot;

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

async function noticeIn(pattern: RegExp) {
  const call = await s.postIn(CHANNEL, pattern);
  return {
    ts: String(call.result?.ts),
    text: String(call.args.text),
    blocks: call.args.blocks,
    buttons: buttonsOf(call.args.blocks),
  };
}

async function clickOn(user: string, ts: string, button: { action_id: string; value: string }) {
  const responseUrl = s.nextResponseUrl();
  const res = await s.click(blockActions({ user, button, channel: CHANNEL, messageTs: ts, responseUrl }));
  expect(res.status).toBe(200);
  return JSON.stringify(await s.answerOn(responseUrl));
}

/** A click that succeeds: the card is updated in place, and its new text returned. */
async function clickUpdating(user: string, ts: string, button: { action_id: string; value: string }) {
  const responseUrl = s.nextResponseUrl();
  const res = await s.click(blockActions({ user, button, channel: CHANNEL, messageTs: ts, responseUrl }));
  expect(res.status).toBe(200);
  const update = await s.api.waitForMatch(
    'chat.update',
    (c) => c.args.channel === CHANNEL && c.args.ts === ts,
  );
  return JSON.stringify(update.args);
}

const restart = async () => {
  await s.close();
  s = await startSlackBot({ dataDir, env: { CATALOG_FILE: catalogFile } });
};

beforeAll(async () => {
  s = await startSlackBot({ dataDir });
  await s.slash(ADMIN, 'notify here', CHANNEL, 'admins');
  await s.slash(ADMIN, 'enable jira for all');
  await s.slash(ADMIN, 'enable dropbox for all');
  // An account that chose Skype for Business before it was retired (its consent long given).
  await s.bot.core.deps.store.update((state) => {
    state.provider = {
      ...state.provider,
      current: 'skype',
      setBy: `slack:${ADMIN}`,
      setAt: '2020-03-02T09:00:00Z',
    };
  });
  await restart();
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

describe('Slack: permission changes from a CATALOG_FILE', () => {
  it('posts one card per change at start with what was added and removed, and decides from it', async () => {
    const jira = await noticeIn(/Jira now asks for more/);
    const blocks = JSON.stringify(jira.blocks);
    expect(blocks).toContain('Added: Delete Jira projects');
    expect(blocks).toContain('Removed: Post link previews');
    expect(jira.buttons.map((b) => b.verb)).toEqual(['approvePermissionChange', 'refusePermissionChange']);
    const approve = must(jira.buttons[0], 'Approve change');
    expect(await clickOn(MEMBER, jira.ts, approve)).toContain(
      'Only system admins can decide on permission changes',
    );
    expect(await clickUpdating(ADMIN, jira.ts, approve)).toContain('Approved the permission change of Jira');
    const entry = must(
      (await auditOf(dataDir)).find((e) => e.action === 'permissions-approved' && e.integrationId === 'jira'),
      'the audit entry',
    );
    expect(entry.details).toContain('Post link previews');
    expect(entry.details).toContain('Delete Jira projects');

    const dropbox = await noticeIn(/Dropbox now asks for more/);
    const disable = must(
      dropbox.buttons.find((b) => b.verb === 'refusePermissionChange'),
      'Disable',
    );
    expect(await clickUpdating(ADMIN, dropbox.ts, disable)).toContain('Disabled Dropbox instead');
    expect(s.bot.core.deps.store.read().installs.dropbox).toMatchObject({ status: 'disabled' });
    expect(await clickOn(ADMIN, dropbox.ts, disable)).toContain('Dropbox has no permission change waiting');
  });

  it('lists nothing pending once decided, and posts nothing again after a restart', async () => {
    await restart();
    const answer = JSON.stringify(await s.slash(ADMIN, 'changes'));
    expect(answer).toContain('No enabled integration asks for more than admins approved.');
    expect(s.bot.core.deps.store.read().outbox.filter((n) => n.state === 'queued')).toEqual([]);
    expect(s.api.history.filter((c) => /asks for more|was retired/.test(String(c.args.text)))).toEqual([]);
  });
});

describe('Slack: provider retirement', () => {
  it('says on `provider` that Skype for Business was retired and Microsoft Teams succeeds it', async () => {
    const answer = JSON.stringify(await s.slash(MEMBER, 'provider'));
    expect(answer).toContain('Skype for Business was retired on 31 Jul 2021');
    expect(answer).toContain('Microsoft Teams succeeds it');
  });

  it('switches to Microsoft Teams through Office 365 consent from the notice', async () => {
    // Each start has its own fake Slack API: forget the notice sent before, so this start posts it again.
    await s.bot.core.deps.store.update((state) => {
      state.sentKeys = Object.fromEntries(
        Object.entries(state.sentKeys).filter(([k]) => !k.startsWith('provider-')),
      );
    });
    await restart();
    const notice = await noticeIn(/Skype for Business was retired/);
    const button = must(
      notice.buttons.find((b) => b.verb === 'switchProvider'),
      'Switch button',
    );
    expect(JSON.stringify(notice.blocks)).toContain('Switch to Microsoft Teams');
    const answer = await clickUpdating(ADMIN, notice.ts, button);
    expect(answer).toContain('login.microsoftonline.com/organizations/v2.0/adminconsent');
    expect(s.bot.core.deps.store.read().provider).toMatchObject({
      current: 'skype',
      pending: { provider: 'teams' },
    });
  });
});
