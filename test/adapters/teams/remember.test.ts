import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  BOT,
  executeInvoke,
  installActivity,
  messageActivity,
  queryLinkInvoke,
  TENANT_ID,
} from './activities.js';
import { type Harness, startHarness } from './harness.js';

const BOB_ID = `teams:${BOB.aadObjectId}`;
const CAROL = { id: '29:1carol-bf-id', aadObjectId: '6a1d7c2e-0000-4000-8000-0000000ca401', name: 'Carol' };
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The member record expected for a person seen through this harness. */
const memberRecord = (person: { id: string; name: string }) => ({
  platform: 'teams',
  kind: 'member',
  serviceUrl: h.connector.serviceUrl,
  channelId: 'msteams',
  tenantId: TENANT_ID,
  user: { id: person.id, name: person.name },
  bot: { id: BOT.id, name: BOT.name },
});

describe('Teams channel: remembering people for direct messages', () => {
  it('keeps what opens a 1:1 chat with someone who wrote in a channel', async () => {
    await h.post(
      messageActivity({ serviceUrl: h.connector.serviceUrl, from: BOB, scope: 'channel', text: 'help' }),
    );
    expect(h.engine.addresses.get(BOB_ID)).toEqual(memberRecord(BOB));
  });

  it.each([
    [
      'a group chat message',
      () =>
        messageActivity({ serviceUrl: h.connector.serviceUrl, from: BOB, scope: 'groupChat', text: 'help' }),
    ],
    [
      'a card click',
      () => executeInvoke({ serviceUrl: h.connector.serviceUrl, from: BOB, verb: 'x', data: {} }),
    ],
    [
      'a link unfurl',
      () =>
        queryLinkInvoke({
          serviceUrl: h.connector.serviceUrl,
          from: BOB,
          url: 'https://contoso.atlassian.net/browse/IT-1',
        }),
    ],
  ])('keeps it for %s too', async (_label, activity) => {
    await h.post(activity());
    expect(h.engine.addresses.get(BOB_ID)).toEqual(memberRecord(BOB));
  });

  it('keeps nothing for the person behind an anonymous link query', async () => {
    await h.post(
      queryLinkInvoke({
        serviceUrl: h.connector.serviceUrl,
        from: BOB,
        url: 'https://contoso.atlassian.net/browse/IT-1',
        anonymous: true,
      }),
    );
    expect(h.engine.addresses.has(BOB_ID)).toBe(false);
  });

  it('keeps members added to a team, but not the bot nor members without an AAD object id', async () => {
    const added = {
      ...installActivity({ serviceUrl: h.connector.serviceUrl }),
      membersAdded: [{ id: BOT.id }, { id: CAROL.id, aadObjectId: CAROL.aadObjectId }, { id: '29:1no-aad' }],
    };
    await h.post(added);
    expect(h.engine.addresses.get(`teams:${CAROL.aadObjectId}`)).toEqual({
      ...memberRecord(CAROL),
      user: { id: CAROL.id, name: null },
    });
    expect(
      [...h.engine.addresses.keys()].filter((id) => id.includes('no-aad') || id.includes('28:')),
    ).toEqual([]);
  });

  it('never replaces a known personal chat with a member record', async () => {
    await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, text: 'help' }));
    const personal = h.engine.addresses.get(`teams:${ADA.aadObjectId}`);
    expect(personal).toMatchObject({ conversation: { conversationType: 'personal' } });
    await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, scope: 'channel', text: 'help' }));
    expect(h.engine.addresses.get(`teams:${ADA.aadObjectId}`)).toEqual(personal);
  });

  it('replaces a member record with the personal chat once the person writes there', async () => {
    await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, scope: 'channel', text: 'help' }));
    await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, text: 'help' }));
    expect(h.engine.addresses.get(`teams:${ADA.aadObjectId}`)).toMatchObject({
      conversation: { id: `a:1personal-${ADA.aadObjectId}`, conversationType: 'personal' },
    });
  });

  it.each([
    ['no tenant', { conversation: { id: '19:x@thread.v2', conversationType: 'groupChat' }, channelData: {} }],
    ['a sender id that is not a Teams user id', { from: { ...BOB, id: 'bob@example.com' } }],
  ])('keeps no member record when the activity has %s', async (_label, override) => {
    const activity = messageActivity({
      serviceUrl: h.connector.serviceUrl,
      from: BOB,
      scope: 'groupChat',
      text: 'help',
    });
    await h.post({ ...activity, ...override });
    expect(h.engine.addresses.has(BOB_ID)).toBe(false);
  });
});
