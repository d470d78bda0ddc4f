import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  BOT,
  CHANNEL_CONVERSATION,
  executeInvoke,
  installActivity,
  messageActivity,
  queryLinkInvoke,
} from './activities.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (card: Record<string, unknown>) => JSON.stringify(card);

describe('Teams channel: messages', () => {
  it('answers a personal-chat command with an Adaptive Card posted to the serviceUrl', async () => {
    const res = await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, text: 'help' }));
    expect(res.status).toBe(200);
    expect(h.engine.texts[0]).toMatchObject({
      actor: { id: `teams:${ADA.aadObjectId}`, name: 'Ada Lovelace' },
      origin: { kind: 'personal', conversationId: `teams:a:1personal-${ADA.aadObjectId}` },
      text: 'help',
      mentions: [],
    });
    expect(h.connector.calls).toHaveLength(1);
    const attachments = (h.connector.calls[0]?.body.attachments ?? []) as {
      contentType: string;
      content: Record<string, unknown>;
    }[];
    const attachment = attachments[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(attachment?.content ?? {})).toContain('You said: help');
  });

  it('strips the bot mention in a channel and resolves other mentions to teams ids', async () => {
    h.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId });
    const activity = messageActivity({
      serviceUrl: h.connector.serviceUrl,
      scope: 'channel',
      text: `admin add <at>${BOB.name}</at>`,
      mentions: [BOB],
    });
    await h.post(activity);
    expect(h.engine.texts[0]).toMatchObject({
      text: `admin add @${BOB.name}`,
      origin: { kind: 'channel', conversationId: `teams:${CHANNEL_CONVERSATION}`, name: 'Admins' },
      mentions: [{ id: `teams:${BOB.aadObjectId}`, name: BOB.name }],
    });
  });

  it('keeps the conversation address, and the person’s in a personal chat, for proactive cards', async () => {
    await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, text: 'help' }));
    const personal = h.engine.addresses.get(`teams:${ADA.aadObjectId}`);
    expect(personal).toMatchObject({
      platform: 'teams',
      serviceUrl: h.connector.serviceUrl,
      bot: { id: BOT.id },
    });
    await h.post(
      messageActivity({ serviceUrl: h.connector.serviceUrl, scope: 'channel', text: 'notify here' }),
    );
    expect(h.engine.addresses.get(`teams:${CHANNEL_CONVERSATION}`)).toMatchObject({
      conversation: { id: CHANNEL_CONVERSATION, conversationType: 'channel' },
      teamId: expect.stringContaining('19:'),
    });
  });

  it('welcomes on install and tells admins about notify here', async () => {
    const res = await h.post(installActivity({ serviceUrl: h.connector.serviceUrl }));
    expect(res.status).toBe(200);
    expect(text(h.connector.cards()[0] ?? {})).toContain('notify here');
  });
});

describe('Teams channel: card actions', () => {
  it('answers adaptiveCard/action with the updated card in the HTTP response', async () => {
    const res = await h.post(
      executeInvoke({
        serviceUrl: h.connector.serviceUrl,
        verb: 'approveRequest',
        data: { requestId: 'r1', scope: 'all' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(text((res.body as { value: Record<string, unknown> }).value)).toContain('Done: approveRequest');
    expect(h.engine.actions[0]).toMatchObject({
      verb: 'approveRequest',
      data: { requestId: 'r1', scope: 'all' },
      inputs: {},
    });
  });

  it('separates typed inputs from ids, including renamed duplicate inputs', async () => {
    await h.post(
      executeInvoke({
        serviceUrl: h.connector.serviceUrl,
        verb: 'denyRequest',
        data: { requestId: 'r1', 'reason~2': 'Not needed' },
      }),
    );
    expect(h.engine.actions[0]).toMatchObject({
      data: { requestId: 'r1' },
      inputs: { reason: 'Not needed' },
    });
  });

  it('answers refreshCard with the card for this viewer', async () => {
    const res = await h.post(
      executeInvoke({
        serviceUrl: h.connector.serviceUrl,
        verb: 'refreshCard',
        data: { cardKey: 'request:r1' },
      }),
    );
    expect(text((res.body as { value: Record<string, unknown> }).value)).toContain('Card for Ada Lovelace');
  });

  it('answers a forged or malformed action with an error card and calls nothing', async () => {
    const bad = executeInvoke({ serviceUrl: h.connector.serviceUrl, verb: 'approveRequest', data: {} });
    const res = await h.post({ ...bad, value: { action: { type: 'Action.Http', verb: 42 } } });
    expect(res.status).toBe(200);
    expect(text((res.body as { value: Record<string, unknown> }).value)).toContain('could not be read');
    expect(h.engine.actions).toHaveLength(0);
  });

  it('accepts the Action.Submit fallback as a message carrying the verb', async () => {
    const activity = {
      ...messageActivity({ serviceUrl: h.connector.serviceUrl, text: '' }),
      text: undefined,
      replyToId: '1:activity-9',
    };
    const res = await h.post({ ...activity, value: { verb: 'approveRequest', requestId: 'r1' } });
    expect(res.status).toBe(200);
    expect(h.engine.actions[0]).toMatchObject({ verb: 'approveRequest', data: { requestId: 'r1' } });
    expect(h.connector.calls[0]).toMatchObject({ method: 'PUT', activityId: '1:activity-9' });
  });
});

describe('Teams channel: link unfurling', () => {
  it('offers a request card for a catalog host', async () => {
    const res = await h.post(
      queryLinkInvoke({
        serviceUrl: h.connector.serviceUrl,
        url: 'https://contoso.atlassian.net/browse/IT-1',
      }),
    );
    const body = res.body as {
      composeExtension: { type: string; attachmentLayout: string; attachments: Record<string, unknown>[] };
    };
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const [attachment] = body.composeExtension.attachments;
    expect(attachment).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { version: '1.3' },
      preview: { contentType: 'application/vnd.microsoft.card.thumbnail' },
    });
    expect(h.engine.links[0]?.actor.id).toBe(`teams:${ADA.aadObjectId}`);
  });

  it('answers an empty result for other links and for the anonymous variant of them', async () => {
    const res = await h.post(
      queryLinkInvoke({ serviceUrl: h.connector.serviceUrl, url: 'https://example.org/x', anonymous: true }),
    );
    expect(res.body).toEqual({
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
    });
  });
});

describe('Teams channel: malformed input', () => {
  it.each([
    ['not JSON', '{"type": '],
    ['no type', { channelId: 'msteams' }],
    [
      'no conversation',
      {
        type: 'message',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:1/',
        from: { id: '29:x' },
        recipient: BOT,
      },
    ],
    ['an array', [1, 2]],
  ])('answers 400 to %s and keeps serving', async (_label, body) => {
    const res = await h.post(body);
    expect(res.status).toBe(400);
    const ok = await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, text: 'help' }));
    expect(ok.status).toBe(200);
  });
});
