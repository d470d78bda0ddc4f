import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, APP_ID, executeInvoke, queryLinkInvoke, TENANT_ID } from '../adapters/teams/activities.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

/** The same activity, as another tenant sends it: in channelData and in the conversation. */
function fromTenant<T extends { channelData: object; conversation: object }>(activity: T, tenant: string): T {
  return {
    ...activity,
    channelData: { ...activity.channelData, tenant: { id: tenant } },
    conversation: { ...activity.conversation, tenantId: tenant },
  };
}

// Only invokes are sent: they are answered in the HTTP response, so the bot needs no outbound token
// from Entra ID (a message would make it ask login.microsoftonline.com for one before replying).
describe('Teams with an app id and a tenant: only Teams, only this tenant', () => {
  let t: TeamsBot;
  const auth = () => ({
    authorization: t.openId?.bearer({ audience: APP_ID, serviceUrl: t.serviceUrl }) ?? '',
  });
  const adaKnown = () => t.bot.core.engine.addressOf(`teams:${ADA.aadObjectId}`) !== null;
  const click = () => executeInvoke({ serviceUrl: t.serviceUrl, from: ADA, verb: 'refresh', data: {} });

  beforeAll(async () => {
    // Keys endorsed for Web Chat and Direct Line too, as Azure's are: the token check alone lets them in.
    t = await startTeamsBot({ auth: true, endorsements: ['msteams', 'webchat', 'directline'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['webchat', 'directline'])(
    'refuses a card action from the %s channel of the same bot with 403, acting on nothing',
    async (channelId) => {
      const res = await t.post({ ...click(), channelId }, auth());
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toContain('works only in Microsoft Teams');
      expect(adaKnown()).toBe(false);
    },
  );

  it('refuses a card action and a link query from another tenant with 403, acting on nothing', async () => {
    const query = queryLinkInvoke({
      serviceUrl: t.serviceUrl,
      url: 'https://contoso.atlassian.net/browse/IT-1',
    });
    for (const activity of [fromTenant(click(), 'another-tenant'), fromTenant(query, 'another-tenant')]) {
      const res = await t.post(activity, auth());
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toContain('one organisation only');
    }
    expect(adaKnown()).toBe(false);
  });

  it('refuses an activity that names no tenant', async () => {
    const bare = {
      ...click(),
      channelData: {},
      conversation: { id: '19:x@thread.tacv2', conversationType: 'channel' },
    };
    expect((await t.post(bare, auth())).status).toBe(403);
  });

  it('acts on the same card action from Teams in its own tenant', async () => {
    const res = await t.post(fromTenant(click(), TENANT_ID), auth());
    expect(res.status).toBe(200);
    expect(adaKnown()).toBe(true);
  });
});
