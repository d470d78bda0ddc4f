import { describe, expect, it } from 'vitest';
import { blockActions } from '../adapters/slack/payloads.js';
import { BOB, executeInvoke, messageActivity } from '../adapters/teams/activities.js';
import { allStrings, shown } from '../adapters/teams/cards/card-checks.js';
import { MEMBER, startSlackBot } from './slack-harness.js';
import { startTeamsBot, type TeamsBot, until } from './teams-harness.js';

/** Neither a system admin nor a requester: a member trying request ids one after the other. */
const CAROL = {
  id: '29:1carol-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-00000000ca01',
  name: 'Carol Curious',
};
const UNKNOWN = 'r2-AAAAAAAAAAAA';
const SECRET = 'the secret merger with Initech';

/** The clicks that carry a request id, for a given id. */
const clicksFor = (requestId: string): { verb: string; data: Record<string, string> }[] => [
  { verb: 'refreshCard', data: { cardKey: `request:${requestId}` } },
  { verb: 'confirmApprove', data: { requestId, scope: 'all' } },
  { verb: 'approveRequest', data: { requestId, scope: 'requesters' } },
  { verb: 'denyRequest', data: { requestId, reason: 'no' } },
];

/** What Carol sees for one Action.Execute: the invoke answer and any reply to it, as text. */
async function seenByCarol(t: TeamsBot, click: { verb: string; data: unknown }) {
  const invoke = executeInvoke({ serviceUrl: t.serviceUrl, from: CAROL, scope: 'personal', ...click });
  const res = await t.post(invoke);
  expect(res.status).toBe(200);
  const replies = t.connector.calls
    .filter((c) => c.activityId === invoke.id)
    .map((c) => [c.body.text, c.body.attachments]);
  return shown(allStrings([res.body, replies]).join('\n'));
}

describe("a request's card goes only to system admins and its requesters", () => {
  it('Teams: Action.Execute with a real id answers a member exactly as an unknown id does, changing nothing', async () => {
    const t = await startTeamsBot();
    try {
      await t.post(
        messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: `request jira because ${SECRET}` }),
      );
      const state = () => t.bot.core.deps.store.read();
      const id = Object.keys(state().requests)[0] ?? '';
      expect(id).toMatch(/^r1-/);
      await t.post(messageActivity({ serviceUrl: t.serviceUrl, from: CAROL, text: 'help' }));
      const before = JSON.stringify({ ...state(), outbox: null, postedCards: null });
      const unknown = clicksFor(UNKNOWN);
      for (const [i, click] of clicksFor(id).entries()) {
        const real = await seenByCarol(t, click);
        expect(real, click.verb).toBe(await seenByCarol(t, unknown[i] ?? click));
        expect(real).not.toMatch(/merger|Bob/);
      }
      expect(JSON.stringify({ ...state(), outbox: null, postedCards: null })).toBe(before);
      // Bob, who asked, still sees his own request when Teams refreshes the card for him.
      const bobs = executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'refreshCard',
        data: { cardKey: `request:${id}` },
        trigger: 'automatic',
      });
      expect(shown(allStrings((await t.post(bobs)).body).join('\n'))).toMatch(/merger/);
    } finally {
      await t.close();
    }
  });

  it('Teams: a member of the admin channel the card was posted to still sees it there, read-only', async () => {
    const t = await startTeamsBot();
    try {
      await t.post(messageActivity({ serviceUrl: t.serviceUrl, scope: 'channel', text: 'notify here' }));
      await t.post(
        messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: `request jira because ${SECRET}` }),
      );
      const id = Object.keys(t.bot.core.deps.store.read().requests)[0] ?? '';
      const cardKey = `request:${id}`;
      await until(
        () => (t.bot.core.deps.store.read().postedCards[cardKey] ?? []).length > 0,
        'the posted card',
      );
      const refresh = (scope: 'channel' | 'personal') =>
        executeInvoke({
          serviceUrl: t.serviceUrl,
          from: CAROL,
          scope,
          verb: 'refreshCard',
          data: { cardKey },
        });
      const inChannel = await t.post(refresh('channel'));
      const text = shown(allStrings(inChannel.body).join('\n'));
      expect(text).toMatch(/merger/);
      expect(text).not.toMatch(/Approve for all groups/);
      expect(shown(allStrings((await t.post(refresh('personal'))).body).join('\n'))).toMatch(
        /This card is no longer available/,
      );
    } finally {
      await t.close();
    }
  });

  it('Slack: block_actions with a real id answer a member exactly as an unknown id does, changing nothing', async () => {
    const s = await startSlackBot();
    try {
      await s.slash(MEMBER, `request jira because ${SECRET}`);
      const state = () => s.bot.core.deps.store.read();
      const id = Object.keys(state().requests)[0] ?? '';
      const before = JSON.stringify(state().requests);
      const answerTo = async (click: { verb: string; data: Record<string, string> }) => {
        const responseUrl = s.nextResponseUrl();
        const button = { action_id: `${click.verb}:0`, value: JSON.stringify(click) };
        const res = await s.click(
          blockActions({
            user: 'UCAROL',
            button,
            channel: 'C0GENERAL',
            messageTs: '1700000000.000100',
            responseUrl,
          }),
        );
        expect(res.status).toBe(200);
        return JSON.stringify(await s.answerOn(responseUrl));
      };
      const unknown = clicksFor(UNKNOWN).filter((c) => c.verb !== 'refreshCard');
      for (const [i, click] of clicksFor(id)
        .filter((c) => c.verb !== 'refreshCard')
        .entries()) {
        const { reason: _typed, ...data } = click.data;
        const other = unknown[i] ?? click;
        const { reason: _also, ...otherData } = other.data;
        const real = await answerTo({ verb: click.verb, data });
        expect(real, click.verb).toBe(await answerTo({ verb: other.verb, data: otherData }));
        expect(real).not.toMatch(/merger|Max/);
      }
      expect(JSON.stringify(state().requests)).toBe(before);
      expect(s.api.history.filter((c) => c.method === 'views.open')).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
