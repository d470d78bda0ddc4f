import { describe, expect, it } from 'vitest';
import type { ActionInput } from '../../src/application/engine.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
const eve = person('eve');

/** Everything a card action answers, for comparing a real id's answer with an unknown id's. */
async function answer(core: Awaited<ReturnType<typeof aCore>>, input: Omit<ActionInput, 'origin'>) {
  return JSON.stringify(await core.engine.handleAction({ ...input, origin: dm(input.actor) }));
}

describe("a request's card is shown only to system admins and its requesters", () => {
  it('answers a member trying ids exactly as for an unknown id, revealing nothing and changing nothing', async () => {
    const core = await aCore();
    await core.say(ada, 'request jira because the secret merger needs it');
    const id = Object.keys(core.store.read().requests)[0] ?? '';
    const before = JSON.stringify(core.store.read());
    const clicks = (requestId: string): Omit<ActionInput, 'origin'>[] => [
      { actor: eve, verb: 'confirmApprove', data: { requestId, scope: 'all' } },
      { actor: eve, verb: 'denyRequest', data: { requestId }, inputs: { reason: 'no' } },
      { actor: eve, verb: 'approveRequest', data: { requestId, scope: 'all' } },
    ];
    const real = clicks(id);
    const unknown = clicks('r999999');
    for (const [i, click] of real.entries()) {
      const shown = await answer(core, click);
      expect(shown, click.verb).toBe(await answer(core, unknown[i] as Omit<ActionInput, 'origin'>));
      expect(shown).not.toContain('merger');
      expect(shown).not.toContain('Ada');
    }
    expect(core.engine.viewCard({ actor: eve, cardKey: `request:${id}` })).toBeNull();
    expect(JSON.stringify({ ...core.store.read(), people: null })).toBe(
      JSON.stringify({ ...JSON.parse(before), people: null }),
    );
  });

  it('still shows the card to its requester (read-only) and to admins (with actions)', async () => {
    const core = await aCore();
    await core.say(ada, 'request jira because the secret merger needs it');
    const cardKey = `request:${Object.keys(core.store.read().requests)[0]}`;
    expect(core.engine.viewCard({ actor: ada, cardKey })).toMatchObject({
      kind: 'requestNotice',
      actions: [],
    });
    const forAdmin = core.engine.viewCard({ actor: core.admin, cardKey });
    expect(JSON.stringify(forAdmin)).toContain('merger');
    expect(forAdmin).toMatchObject({
      kind: 'requestNotice',
      actions: expect.arrayContaining([expect.anything()]),
    });
  });

  it('shows the read-only card to anyone in a conversation it was posted to, and only there', async () => {
    const core = await aCore();
    await core.say(ada, 'request jira because the secret merger needs it');
    const id = Object.keys(core.store.read().requests)[0] ?? '';
    const cardKey = `request:${id}`;
    await core.store.update((state) => {
      state.postedCards[cardKey] = [{ target: 'console:#admins', messageId: 'm1' }];
    });
    const inAdmins = { conversationId: 'console:#admins', kind: 'channel' as const };
    expect(core.engine.viewCard({ actor: eve, cardKey, origin: inAdmins })).toMatchObject({
      kind: 'requestNotice',
      actions: [],
    });
    expect(core.engine.viewCard({ actor: eve, cardKey, origin: dm(eve) })).toBeNull();
    const elsewhere = { conversationId: 'console:#random', kind: 'channel' as const };
    expect(core.engine.viewCard({ actor: eve, cardKey, origin: elsewhere })).toBeNull();
  });
});

/** The id of the core's first request (ids are unguessable, so tests read them from the store). */
function idOf(core: Awaited<ReturnType<typeof aCore>>): string {
  return Object.keys(core.store.read().requests)[0] ?? 'none';
}

describe('request ids', () => {
  it('are unguessable for new requests, while old numbered ids keep working', async () => {
    const a = await aCore();
    const b = await aCore();
    await a.say(ada, 'request jira');
    await b.say(ada, 'request jira');
    expect(idOf(a)).toMatch(/^r1-[A-Za-z0-9_-]{12}$/);
    expect(idOf(b)).toMatch(/^r1-[A-Za-z0-9_-]{12}$/);
    expect(idOf(a)).not.toBe(idOf(b));
    const old = await aCore();
    await old.store.update((state) => {
      state.requests.r1 = {
        id: 'r1',
        integrationId: 'zoom',
        state: 'open',
        requesters: [{ personId: ada.id, reason: null, at: '2026-01-01T00:00:00Z' }],
        createdAt: '2026-01-01T00:00:00Z',
        decision: null,
        expiredAt: null,
      };
      state.openRequests.zoom = 'r1';
    });
    const reply = await old.engine.handleAction({
      actor: old.admin,
      origin: dm(old.admin),
      verb: 'confirmApprove',
      data: { requestId: 'r1', scope: 'all' },
    });
    expect(reply.refused).toBe(false);
    expect(old.store.read().requests.r1?.state).toBe('approved');
  });
});
