import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_FORM } from '../../src/adapters/slack/blocks/surfaces.js';
import {
  appHomeOpened,
  blockActions,
  eventCallback,
  linkShared,
  viewSubmission,
} from '../adapters/slack/payloads.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

let s: SlackBot;

/** The value, or a failed test naming what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}
beforeAll(async () => {
  s = await startSlackBot();
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

const COMMANDS = [
  'help',
  'provider',
  'set provider hangouts',
  'integrations',
  'permissions jira',
  'request dropbox because files',
  'my requests',
  'requests',
  'approve dropbox for all',
  'deny box because no',
  'enable zoom for all',
  'disable zoom',
  'remove zoom',
  'report',
  'export',
  'deadlines',
  'keep jira',
  'notices',
  'notify here',
  'admins',
  'admin add <@U0ADA|ada>',
  'groups',
  'group create sales',
  'group sales add <@U0ADA|ada>',
  'group sales admin <@U0ADA|ada>',
  'frobnicate',
];

/** The admin notice posted for a request, once the outbox delivered it (to the `notify here` channel). */
async function adminNotice(integration: string) {
  const isNotice = (text: unknown) => String(text).startsWith(`Request for ${integration}`);
  for (let i = 0; i < 250; i += 1) {
    const found = s.api.callsTo('chat.postMessage').find((c) => isNotice(c.args.text));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `no admin notice for ${integration}; posted: ${s.api
      .callsTo('chat.postMessage')
      .map((c) => c.args.text)
      .join(' | ')}`,
  );
}

describe('every command through /integrations', () => {
  it.each(COMMANDS)('answers `%s` with a Block Kit reply in the acknowledgement', async (text) => {
    const before = s.api.history.length;
    const reply = await s.slash(ADMIN, text, 'C0ADMINS');
    // A quick answer rides in the ack: nothing was posted to the response_url.
    expect(s.api.history.slice(before).filter((c) => c.method.startsWith('response:'))).toEqual([]);
    expect(reply.response_type).toBe('ephemeral');
    expect(Array.isArray(reply.blocks)).toBe(true);
    expect(String(reply.text).length).toBeGreaterThan(0);
  });
});

describe('request → admin card → decisions', () => {
  it('files a request, cards the admin, refuses a member forging Approve, then approves', async () => {
    s.api.reset();
    await s.slash(MEMBER, 'request jira because we track bugs there');
    const notice = await adminNotice('Jira');
    const buttons = buttonsOf(notice.args.blocks);
    const approveAll = buttons.find((b) => b.verb === 'approveRequest' && b.data.scope === 'all');
    expect(approveAll).toBeDefined();
    const channel = String(notice.result?.channel);
    const ts = String(notice.result?.ts);

    const forged = s.nextResponseUrl();
    await s.click(
      blockActions({
        user: MEMBER,
        button: must(approveAll, 'approveAll button'),
        channel,
        messageTs: ts,
        responseUrl: forged,
      }),
    );
    const [refusal] = await s.api.waitFor(`response:${forged.split('/').pop()}`);
    expect(refusal?.args.response_type).toBe('ephemeral');
    expect(s.api.callsTo('chat.update')).toEqual([]);

    const confirmUrl = s.nextResponseUrl();
    await s.click(
      blockActions({
        user: ADMIN,
        button: must(approveAll, 'approveAll button'),
        channel,
        messageTs: ts,
        responseUrl: confirmUrl,
      }),
    );
    const [confirm] = await s.api.waitFor(`response:${confirmUrl.split('/').pop()}`);
    const add = buttonsOf(confirm?.args.blocks).find((b) => b.verb === 'confirmApprove');
    expect(add).toBeDefined();
    await s.click(
      blockActions({
        user: ADMIN,
        button: must(add, 'add button'),
        channel,
        messageTs: ts,
        responseUrl: s.nextResponseUrl(),
      }),
    );
    const approved = await s.api.waitForMatch('chat.update', (c) =>
      /^Request for Jira.*Approved by/.test(String(c.args.text)),
    );
    expect(approved.args).toMatchObject({ channel, ts });
  });

  it('denies through a modal: a missing reason is shown in the modal, a reason decides', async () => {
    s.api.reset();
    await s.slash(MEMBER, 'request zoom because calls');
    const notice = await adminNotice('Zoom');
    const deny = buttonsOf(notice.args.blocks).find((b) => b.verb === 'denyRequest');
    const channel = String(notice.result?.channel);
    const ts = String(notice.result?.ts);
    await s.click(blockActions({ user: ADMIN, button: must(deny, 'deny button'), channel, messageTs: ts }));
    const [opened] = await s.api.waitFor('views.open');
    const modal = opened?.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string }[];
    };
    expect(modal.callback_id).toBe(ACTION_FORM);
    expect(modal.blocks.map((b) => b.block_id)).toEqual(['reason']);

    const empty = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: { reason: { value: { type: 'plain_text_input', value: '  ' } } },
      }),
    );
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: expect.any(String) } });

    const ok = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: { reason: { value: { type: 'plain_text_input', value: 'Use Teams meetings' } } },
      }),
    );
    expect(ok.status).toBe(200);
    const denied = await s.api.waitForMatch('chat.update', (c) =>
      /^Request for Zoom.*Denied by/.test(String(c.args.text)),
    );
    expect(JSON.stringify(denied.args.blocks)).toContain('Use Teams meetings');
  });
});

describe('link unfurls and App Home', () => {
  it('unfurls catalog links only, and Request files it for the clicker', async () => {
    s.api.reset();
    await s.send({
      json: eventCallback(
        linkShared({
          user: MEMBER,
          channel: 'C0GENERAL',
          urls: ['https://app.box.com/s/abc', 'https://example.org/x'],
        }),
      ),
    });
    const [unfurl] = await s.api.waitFor('chat.unfurl');
    const unfurls = unfurl?.args.unfurls as Record<string, { blocks: unknown }>;
    expect(Object.keys(unfurls)).toEqual(['https://app.box.com/s/abc']);
    const request = buttonsOf(unfurls['https://app.box.com/s/abc']?.blocks).find(
      (b) => b.verb === 'requestIntegration',
    );
    const url = s.nextResponseUrl();
    await s.click(
      blockActions({
        user: MEMBER,
        button: must(request, 'request button'),
        channel: 'C0GENERAL',
        messageTs: String(unfurl?.args.ts),
        container: 'unfurl',
        responseUrl: url,
      }),
    );
    await s.api.waitFor(`response:${url.split('/').pop()}`);
    await adminNotice('Box');
  });

  it('publishes the admin dashboard and the member home', async () => {
    s.api.reset();
    await s.send({ json: eventCallback(appHomeOpened({ user: ADMIN, channel: 'D0ADMIN' })) });
    await s.send({ json: eventCallback(appHomeOpened({ user: MEMBER, channel: 'D0MEMBER' })) });
    const published = await s.api.waitFor('views.publish', 2);
    const admin = published.find((p) => p.args.user_id === ADMIN);
    const member = published.find((p) => p.args.user_id === MEMBER);
    expect(must(admin, 'admin home').args.view).toMatchObject({ type: 'home' });
    expect(JSON.stringify(admin?.args.view)).toMatch(/Pending requests/);
    expect(
      buttonsOf((must(member, 'member home').args.view as { blocks: unknown }).blocks).some(
        (b) => b.verb === 'requestIntegration',
      ),
    ).toBe(true);
  });
});
