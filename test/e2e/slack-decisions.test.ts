import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, chosenOptions, viewSubmission } from '../adapters/slack/payloads.js';
import { ADMIN, ADMIN2, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/**
 * Decisions through the real bot with two admin channels: the chosen-groups modal, notices
 * updated everywhere they were posted, a late second admin, and the requesters' DMs.
 */
let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
  await s.slash(ADMIN, 'notify here', 'C0ADMINS1', 'admins-eu');
  await s.slash(ADMIN, 'notify here', 'C0ADMINS2', 'admins-us');
  await s.slash(ADMIN, `admin add <@${ADMIN2}>`, 'C0ADMINS1', 'admins-eu');
  await s.slash(ADMIN, 'group create sales', 'C0ADMINS1', 'admins-eu');
  await s.slash(ADMIN, 'group create eng', 'C0ADMINS1', 'admins-eu');
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

/** A modal as the bot sent it to views.open. */
type OpenedModal = {
  callback_id: string;
  private_metadata: string;
  title?: unknown;
  blocks: { block_id: string; element: { type: string; options: { value: string }[] } }[];
};

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** Files a request as the member and returns the notice posted in each admin channel. */
async function requestAndNotices(text: string, integration: string) {
  await s.slash(MEMBER, text);
  const pattern = new RegExp(`^Request for ${integration}`);
  const first = await s.postIn('C0ADMINS1', pattern);
  const second = await s.postIn('C0ADMINS2', pattern);
  return [first, second].map((c) => ({
    channel: String(c.result?.channel),
    ts: String(c.result?.ts),
    buttons: buttonsOf(c.args.blocks),
  }));
}

/** Clicks a button of a posted notice and returns what the bot answered on the click's response_url. */
async function clickOn(input: { user: string; notice: { channel: string; ts: string }; button: unknown }) {
  const responseUrl = s.nextResponseUrl();
  const res = await s.click(
    blockActions({
      user: input.user,
      button: input.button as { action_id: string; value: string },
      channel: input.notice.channel,
      messageTs: input.notice.ts,
      responseUrl,
    }),
  );
  expect(res.status).toBe(200);
  return s.answerOn(responseUrl);
}

/** The DM channel the bot opened with a person (conversations.open), once it did. */
async function dmOf(user: string): Promise<string> {
  const opened = await s.api.waitForMatch('conversations.open', (c) => c.args.users === user);
  const channel = opened.result?.channel as { id?: string } | undefined;
  return must(channel?.id, `DM with ${user}`);
}

const updatesOf = (channel: string, ts: string, text: RegExp) =>
  s.api.waitForMatch(
    'chat.update',
    (c) => c.args.channel === channel && c.args.ts === ts && text.test(String(c.args.text)),
  );

describe('Approve for chosen groups', () => {
  it('asks for groups in a modal, keeps it open without one, then approves for those chosen', async () => {
    s.api.reset();
    const [first, second] = await requestAndNotices('request jira because we track bugs there', 'Jira');
    const n = must(first, 'notice');
    const choose = must(
      n.buttons.find((b) => b.verb === 'chooseGroups'),
      'Approve for chosen groups',
    );
    const chooseUrl = s.nextResponseUrl();
    const click = blockActions({
      user: ADMIN,
      button: choose,
      channel: n.channel,
      messageTs: n.ts,
      responseUrl: chooseUrl,
    });
    expect((await s.click(click)).status).toBe(200);
    const [opened] = await s.api.waitFor('views.open');
    expect(opened?.args.trigger_id).toBe(click.trigger_id);
    const modal = must(opened, 'views.open').args.view as OpenedModal;
    expect(modal.blocks.map((b) => [b.block_id, b.element.type])).toEqual([
      ['groups', 'multi_static_select'],
    ]);
    expect(modal.blocks[0]?.element.options.map((o) => o.value).sort()).toEqual(['eng', 'sales']);

    const none = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: { groups: { value: chosenOptions('multi_static_select', []) } },
      }),
    );
    expect(await none.json()).toEqual({
      response_action: 'errors',
      errors: { groups: 'Choose at least one group.' },
    });
    expect(s.api.callsTo('chat.update')).toEqual([]);

    const picked = [
      { value: 'sales', text: 'sales' },
      { value: 'eng', text: 'eng' },
    ];
    const chosen = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: { groups: { value: chosenOptions('multi_static_select', picked) } },
      }),
    );
    expect(chosen.status).toBe(200);
    expect(await chosen.text()).toBe('');
    const step = await s.answerOn(chooseUrl);
    expect(step.response_type).toBe('ephemeral');
    const add = must(
      buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove'),
      'Add button',
    );
    await clickOn({ user: ADMIN, notice: n, button: add });
    const other = must(second, 'second notice');
    const updated = await updatesOf(other.channel, other.ts, /Approved by Ada for/);
    expect(String(updated.args.text)).toMatch(/Approved by Ada for (sales, eng|eng, sales)/i);
  });
});

describe('a decision reaches every admin channel, later admins and the requesters', () => {
  it('updates the notice in both admin channels once an admin approves, and DMs the requester', async () => {
    s.api.reset();
    const [first, second] = (await requestAndNotices('request dropbox because files', 'Dropbox')).map((x) =>
      must(x, 'notice'),
    );
    expect(first?.channel).toBe('C0ADMINS1');
    expect(second?.channel).toBe('C0ADMINS2');
    const all = must(
      second?.buttons.find((b) => b.verb === 'approveRequest' && b.data.scope === 'all'),
      'Approve for all groups',
    );
    const step = await clickOn({ user: ADMIN, notice: must(second, 'second'), button: all });
    const add = must(
      buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove'),
      'Add button',
    );
    await clickOn({ user: ADMIN, notice: must(second, 'second'), button: add });
    for (const notice of [first, second]) {
      const n = must(notice, 'notice');
      const update = await updatesOf(n.channel, n.ts, /^Request for Dropbox.*Approved by Ada for all groups/);
      expect(buttonsOf(update.args.blocks).map((b) => b.verb)).not.toContain('approveRequest');
    }
    const told = await s.postIn(await dmOf(MEMBER), /Dropbox/);
    expect(String(told.args.text)).toMatch(/approved/i);
  });

  it('tells a second admin who already decided, and changes nothing', async () => {
    s.api.reset();
    const [first, second] = (await requestAndNotices('request quip because docs', 'Quip')).map((x) =>
      must(x, 'notice'),
    );
    const all = (n: typeof first) =>
      must(
        n?.buttons.find((b) => b.verb === 'approveRequest' && b.data.scope === 'all'),
        'Approve for all groups',
      );
    const step = await clickOn({ user: ADMIN, notice: must(first, 'first'), button: all(first) });
    const add = must(
      buttonsOf(step.blocks).find((b) => b.verb === 'confirmApprove'),
      'Add button',
    );
    await clickOn({ user: ADMIN, notice: must(first, 'first'), button: add });
    // Both admin cards are updated before counting, so a late update of the first is not taken for the second admin's.
    await updatesOf(must(first, 'first').channel, must(first, 'first').ts, /Approved by Ada/);
    await updatesOf(must(second, 'second').channel, must(second, 'second').ts, /Approved by Ada/);
    const updatesBefore = s.api.callsTo('chat.update').length;

    const late = await clickOn({ user: ADMIN2, notice: must(second, 'second'), button: all(second) });
    expect(late.response_type).toBe('ephemeral');
    expect(String(late.text)).toMatch(/^Already decided: Approved by Ada for all groups/);
    const lateAdd = await clickOn({ user: ADMIN2, notice: must(second, 'second'), button: add });
    expect(String(lateAdd.text)).toMatch(/Approved by Ada/);
    expect(s.bot.core.deps.store.read().requests[add.data.requestId ?? '']?.decision?.by).toBe(
      `slack:${ADMIN}`,
    );
    expect(s.api.callsTo('chat.update').length).toBe(updatesBefore);
  });

  it('denies through the modal, and the requester reads the reason in a DM', async () => {
    s.api.reset();
    const [first, second] = (await requestAndNotices('request zoom because calls', 'Zoom')).map((x) =>
      must(x, 'notice'),
    );
    const deny = must(
      first?.buttons.find((b) => b.verb === 'denyRequest'),
      'Deny',
    );
    const n = must(first, 'first');
    await s.click(blockActions({ user: ADMIN2, button: deny, channel: n.channel, messageTs: n.ts }));
    const [opened] = await s.api.waitFor('views.open');
    const modal = must(opened, 'views.open').args.view as Parameters<typeof viewSubmission>[0]['view'];
    const values = { reason: { value: { type: 'plain_text_input', value: 'We use Teams meetings' } } };
    expect((await s.click(viewSubmission({ user: ADMIN2, view: modal, values }))).status).toBe(200);
    for (const notice of [first, second]) {
      const x = must(notice, 'notice');
      await updatesOf(x.channel, x.ts, /^Request for Zoom.*Denied by Grace.*We use Teams meetings/);
    }
    const told = await s.postIn(await dmOf(MEMBER), /Zoom/);
    expect(JSON.stringify(told.args.blocks)).toContain('We use Teams meetings');
  });
});
