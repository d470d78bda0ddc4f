import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BULK_ACTION } from '../../src/adapters/slack/blocks/requests.js';
import { BULK_FORM } from '../../src/adapters/slack/blocks/surfaces.js';
import { blockActions, viewSubmission } from '../adapters/slack/payloads.js';
import { ADMIN, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

let s: SlackBot;

type Modal = { callback_id: string; private_metadata: string; blocks: Record<string, unknown>[] };

const store = () => s.bot.core.deps.store.read();
const requestsState = () => JSON.stringify(store().requests);
const openId = (integrationId: string) => store().openRequests[integrationId] ?? 'none';

async function auditOf(action: string): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for await (const e of s.bot.core.deps.audit.read()) if (e.action === action) ids.push(e.integrationId);
  return ids;
}

/** The form's values as Slack sends them on submission. */
function values(input: { requests: string[]; decision: string; reason: string }) {
  return {
    requests: {
      value: {
        type: 'multi_static_select',
        selected_options: input.requests.map((value) => ({
          text: { type: 'plain_text', text: value },
          value,
        })),
      },
    },
    decision: { value: { type: 'radio_buttons', selected_option: { value: input.decision } } },
    bulkReason: { value: { type: 'plain_text_input', value: input.reason } },
  };
}

/** Clicks "Decide several…" on the requests message as `user`; the click's response_url. */
async function clickBulk(user: string): Promise<string> {
  const responseUrl = s.nextResponseUrl();
  await s.click(
    blockActions({ user, button: { action_id: BULK_ACTION }, channel: 'C0GENERAL', responseUrl }),
  );
  return responseUrl;
}

beforeAll(async () => {
  s = await startSlackBot();
  await s.slash(ADMIN, 'group create Sales');
  await s.slash(ADMIN, `group Sales add <@${MEMBER}|member>`);
  for (const name of ['jira', 'zoom', 'box']) await s.slash(MEMBER, `request ${name} because we need it`);
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

describe('Slack: deciding several requests through a modal', () => {
  let modal: Modal;
  /** Where the click that opened the modal answers: the bot's answers to its submissions go there. */
  let answers = '';
  const answered = (text: RegExp) =>
    s.api.waitForMatch(`response:${answers.split('/').pop()}`, (c) => text.test(JSON.stringify(c.args)));

  it('offers admins a "Decide several…" button on the requests message', async () => {
    const answer = await s.slash(ADMIN, 'requests');
    const bulk = (answer.blocks as { type: string; elements?: { action_id?: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id === BULK_ACTION);
    expect(bulk).toHaveLength(1);
  });

  it('tells a member who forges the click why not, opening nothing', async () => {
    s.api.reset();
    const url = await clickBulk(MEMBER);
    const said = await s.answerOn(url);
    expect(JSON.stringify(said)).toMatch(/Only system admins can approve integrations/);
    expect(s.api.callsTo('views.open')).toEqual([]);
  });

  it('opens a modal with the pending requests, the decision and one reason', async () => {
    s.api.reset();
    answers = await clickBulk(ADMIN);
    const [opened] = await s.api.waitFor('views.open');
    modal = opened?.args.view as Modal;
    expect(modal.callback_id).toBe(BULK_FORM);
    expect(modal.blocks.map((b) => b.block_id)).toEqual(['requests', 'decision', 'bulkReason']);
    const [choices, decision, reason] = modal.blocks as {
      optional?: boolean;
      element: { type: string; options?: { value: string }[] };
    }[];
    expect(choices?.element.type).toBe('multi_static_select');
    expect(choices?.optional).toBe(false);
    expect(choices?.element.options?.map((o) => o.value)).toEqual(['jira', 'zoom', 'box'].map(openId));
    expect(decision?.element.options?.map((o) => o.value)).toEqual(['approveSelected', 'denySelected']);
    expect(reason?.optional).toBe(true);
  });

  it('keeps a denial without a reason in the modal with the field error, changing nothing', async () => {
    const before = requestsState();
    const res = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: values({ requests: [openId('jira')], decision: 'denySelected', reason: '  ' }),
      }),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { bulkReason: 'A reason is required: the requesters will see it.' },
    });
    expect(requestsState()).toBe(before);
  });

  it('refuses a member submitting the form, changing nothing', async () => {
    const before = requestsState();
    s.api.reset();
    const res = await s.click(
      viewSubmission({
        user: MEMBER,
        view: modal,
        values: values({ requests: [openId('jira')], decision: 'approveSelected', reason: '' }),
      }),
    );
    expect(res.status).toBe(200);
    await answered(/Only system admins can approve integrations/);
    expect(requestsState()).toBe(before);
  });

  it('approves the chosen requests each on its own and answers what was decided', async () => {
    s.api.reset();
    const jira = openId('jira');
    const zoom = openId('zoom');
    const res = await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: values({ requests: [jira, zoom], decision: 'approveSelected', reason: '' }),
      }),
    );
    expect(res.status).toBe(200);
    await answered(/Approved 2 of 2: Jira, Zoom/);
    // The requests message itself is replaced by the list as it now stands.
    const list = await answered(/Pending requests/);
    expect(list.args).toMatchObject({ replace_original: true });
    expect(JSON.stringify(list.args)).not.toMatch(/\*Jira\*/);
    expect(store().requests[jira]?.state).toBe('approved');
    expect(store().requests[zoom]?.state).toBe('approved');
    expect(store().openRequests.box).toBeDefined();
    expect(await auditOf('request-approved')).toEqual(['jira', 'zoom']);
  });

  it('denies with the one reason, telling each requester', async () => {
    s.api.reset();
    const box = openId('box');
    await s.click(
      viewSubmission({
        user: ADMIN,
        view: modal,
        values: values({
          requests: [box, 'req-stale'],
          decision: 'denySelected',
          reason: 'we use SharePoint',
        }),
      }),
    );
    const said = await answered(/Denied 1 of 2: Box/);
    expect(JSON.stringify(said.args)).toMatch(/That request no longer exists/);
    expect(store().requests[box]?.decision).toMatchObject({ reason: 'we use SharePoint' });
    expect(await auditOf('request-denied')).toEqual(['box']);
    await s.api.waitForMatch(
      'chat.postMessage',
      (c) =>
        c.args.channel === `D${MEMBER.slice(1)}` &&
        /denied your request for Box/.test(JSON.stringify(c.args)),
    );
  });
});
