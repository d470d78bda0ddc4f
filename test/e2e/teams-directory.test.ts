import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, executeInvoke, messageActivity } from '../adapters/teams/activities.js';
import { findAll, shownText } from '../adapters/teams/cards/card-checks.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

type Json = Record<string, unknown>;
let t: TeamsBot;

beforeAll(async () => {
  t = await startTeamsBot();
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

/** The directory card Bob gets for `integrations` in his personal chat. */
async function directoryCard(): Promise<Json> {
  const ask = messageActivity({ serviceUrl: t.serviceUrl, from: BOB, text: 'integrations' });
  await t.post(ask);
  const reply = t.connector.calls.find((c) => c.activityId === ask.id);
  const [card] = findAll(reply?.body, 'AdaptiveCard');
  if (!card) throw new Error('no directory card');
  return card;
}

describe('Teams directory: one picker for Request and Permissions', () => {
  it('requests the integration chosen in the picker, the choice arriving beside the card data', async () => {
    const card = await directoryCard();
    const [picker] = findAll(card, 'Input.ChoiceSet');
    expect(((picker?.choices ?? []) as { value: string }[]).map((c) => c.value)).toContain('quip');
    const request = findAll(card, 'Action.Execute').find((a) => a.verb === 'requestIntegration');
    // Teams merges the input values into the Action.Execute data it sends.
    const res = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'requestIntegration',
        data: { ...(request?.data as Json), [String(picker?.id)]: 'quip' },
      }),
    );
    expect(res.status).toBe(200);
    const requests = Object.values(t.bot.core.deps.store.read().requests);
    expect(requests.map((r) => r.integrationId)).toEqual(['quip']);
    expect(shownText(await directoryCard())).toMatch(/Requested by 1 person/);
  });

  it('shows the permissions of the integration chosen in the picker', async () => {
    const card = await directoryCard();
    const [picker] = findAll(card, 'Input.ChoiceSet');
    const res = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'showPermissions',
        data: { [String(picker?.id)]: 'zoom' },
      }),
    );
    expect(res.status).toBe(200);
    const shownSomewhere = shownText(res.body) + shownText(t.connector.calls.map((c) => c.body));
    expect(shownSomewhere).toMatch(/Permissions for Zoom/);
  });

  it('changes nothing when nothing was chosen', async () => {
    const before = JSON.stringify(t.bot.core.deps.store.read().requests);
    const res = await t.post(
      executeInvoke({
        serviceUrl: t.serviceUrl,
        from: BOB,
        scope: 'personal',
        verb: 'requestIntegration',
        data: {},
      }),
    );
    expect(res.status).toBe(200);
    expect(shownText(res.body)).toMatch(/not valid|could not be read/i);
    expect(JSON.stringify(t.bot.core.deps.store.read().requests)).toBe(before);
  });
});
