import { describe, expect, it } from 'vitest';
import { boundInput } from '../../src/application/bound-input.js';
import type { Actor, Origin } from '../../src/application/engine.js';
import {
  MAX_GROUP_NAME_LENGTH,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
} from '../../src/domain/limits.js';
import { State } from '../../src/domain/state.js';
import { aCore, dm } from '../fakes/core.js';

const LONG_NAME = `Dr ${'Lovelace-'.repeat(33)}`; // 300 characters, as Entra allows 256 and more arrive
const long: Actor = { id: 'teams:aad-long', name: LONG_NAME };
const channel: Origin = {
  conversationId: 'teams:19:admins@thread.tacv2',
  kind: 'channel',
  name: 'C'.repeat(300),
};

/** The state as the next start would load it: the schema must accept it. */
function reloads(state: unknown) {
  const parsed = State.safeParse(state);
  return parsed.success ? 'loads' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('what enters the store is bounded at the engine (docs/product.md#safety-and-data)', () => {
  it('keeps a 300-character display name cut to what the state accepts', async () => {
    const core = await aCore();
    await core.say(long, 'request jira because we track bugs');
    const name = core.store.read().people[long.id]?.name ?? '';
    expect(LONG_NAME).toHaveLength(300);
    expect(name).toHaveLength(MAX_NAME_LENGTH);
    expect(name).toBe(`${LONG_NAME.slice(0, MAX_NAME_LENGTH - 1)}…`);
    expect(reloads(core.store.read())).toBe('loads');
  });

  it('keeps a mentioned person under a shortened name, matching the @name in the text', async () => {
    const core = await aCore();
    await core.say(core.admin, 'group create Sales');
    const mentions = [{ id: 'teams:aad-mentioned', name: LONG_NAME }];
    const { views } = await core.engine.handleText({
      actor: core.admin,
      origin: dm(core.admin),
      text: `group Sales add @${LONG_NAME}`,
      mentions,
    });
    expect(core.textOf(views)).toContain('is in Sales');
    expect(core.store.read().people['teams:aad-mentioned']?.name).toHaveLength(MAX_NAME_LENGTH);
    await core.engine.handleText({
      actor: core.admin,
      origin: dm(core.admin),
      text: `admin add @${LONG_NAME}`,
      mentions,
    });
    expect(core.store.read().people['teams:aad-mentioned']).toMatchObject({ role: 'system-admin' });
    expect(reloads(core.store.read())).toBe('loads');
  });

  it('keeps a long channel name cut, for "notify here" and the notices that name it', async () => {
    const core = await aCore();
    expect(core.textOf(await core.say(core.admin, 'notify here', channel))).toContain(
      'Admin notices will come here',
    );
    expect(core.store.read().adminChannels[channel.conversationId]?.name).toHaveLength(MAX_NAME_LENGTH);
    await core.engine.markConversationGone({
      conversationId: channel.conversationId,
      reason: 'x'.repeat(5000),
    });
    expect(reloads(core.store.read())).toBe('loads');
  });

  it('refuses a sender or a conversation whose id the store cannot keep, storing nothing', async () => {
    const core = await aCore();
    const before = JSON.stringify(core.store.read());
    const tooLong: Actor = { id: `teams:${'a'.repeat(MAX_ID_LENGTH + 1)}`, name: 'Eve' };
    const spaced: Actor = { id: 'slack:U1 U2', name: 'Eve' };
    for (const actor of [tooLong, spaced]) {
      const views = await core.say(actor, 'request jira because I say so');
      expect(core.textOf(views)).toContain("I can't act for this account");
      const click = await core.engine.handleAction({
        actor,
        origin: dm(core.admin),
        verb: 'requestIntegration',
        data: { integrationId: 'jira' },
      });
      expect(click.refused).toBe(true);
    }
    const place: Origin = { conversationId: `teams:${'c'.repeat(MAX_ID_LENGTH + 1)}`, kind: 'channel' };
    expect(core.textOf(await core.say(core.admin, 'notify here', place))).toContain(
      "I can't act in this conversation",
    );
    await core.engine.rememberAddress({ conversationId: place.conversationId, data: { any: 'thing' } });
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it('refuses a typed id longer than the store accepts, in admin add and group add', async () => {
    const core = await aCore();
    await core.say(core.admin, 'group create Sales');
    const before = JSON.stringify(core.store.read());
    const id = `teams:${'b'.repeat(MAX_ID_LENGTH + 1)}`;
    for (const line of [
      `admin add ${id}`,
      `admin remove ${id}`,
      `group Sales add ${id}`,
      `group Sales admin ${id}`,
    ]) {
      expect(core.textOf(await core.say(core.admin, line)), line).toContain(
        `That id is too long: at most ${MAX_ID_LENGTH} characters after \\"teams:\\"`,
      );
    }
    expect(JSON.stringify(core.store.read())).toBe(before);
    expect(core.textOf(await core.say(core.admin, `admin add teams:${'b'.repeat(MAX_ID_LENGTH)}`))).toContain(
      'is now a system admin',
    );
  });

  it('refuses an over-long typed id from an admin whose display name is over-long, storing nothing', async () => {
    const core = await aCore();
    await core.say(core.admin, 'group create Sales');
    const before = JSON.stringify(core.store.read());
    const admin = { ...core.admin, name: LONG_NAME };
    const line = `group Sales add console:admin${'!'.repeat(MAX_ID_LENGTH)}`;
    expect(core.textOf(await core.say(admin, line))).toContain('That id is too long');
    expect(JSON.stringify(core.store.read())).toBe(before);
    expect(reloads(core.store.read())).toBe('loads');
  });

  it('drops a mention whose id cannot be stored, so the command asks who was meant', async () => {
    const core = await aCore();
    const before = JSON.stringify(core.store.read());
    const { views } = await core.engine.handleText({
      actor: core.admin,
      origin: dm(core.admin),
      text: 'admin add @Mallory',
      mentions: [{ id: `teams:${'m'.repeat(MAX_ID_LENGTH + 1)}`, name: 'Mallory' }],
    });
    expect(core.textOf(views)).toContain('Mention the person');
    expect(JSON.stringify(core.store.read())).toBe(before);
  });

  it('refuses a group name, a reason or a custom integration name longer than the store accepts', async () => {
    const core = await aCore();
    const before = JSON.stringify(core.store.read());
    const cases: [string, string][] = [
      [
        `group create ${'G'.repeat(MAX_GROUP_NAME_LENGTH + 1)}`,
        `at most ${MAX_GROUP_NAME_LENGTH} characters`,
      ],
      [`request jira because ${'r'.repeat(MAX_REASON_LENGTH + 1)}`, `under ${MAX_REASON_LENGTH} characters`],
      [`integration add ${'I'.repeat(81)}`, "can't be added"],
    ];
    for (const [line, answer] of cases) {
      expect(core.textOf(await core.say(core.admin, line)), line.slice(0, 20)).toContain(answer);
    }
    expect(JSON.stringify({ ...core.store.read(), people: null })).toBe(
      JSON.stringify({ ...JSON.parse(before), people: null }),
    );
  });
});

describe('boundInput refuses with a reason code', () => {
  it('names whose id cannot be stored: the account first, then the conversation', () => {
    const tooLong = `teams:${'x'.repeat(MAX_ID_LENGTH + 1)}`;
    const origin = dm(long);
    expect(boundInput({ actor: { id: tooLong, name: 'X' }, origin })).toEqual({
      ok: false,
      reason: 'unstorable-id',
      of: 'account',
      max: MAX_ID_LENGTH,
    });
    expect(boundInput({ actor: long, origin: { ...origin, conversationId: 'no prefix' } })).toEqual({
      ok: false,
      reason: 'unstorable-id',
      of: 'conversation',
      max: MAX_ID_LENGTH,
    });
    expect(boundInput({ actor: long, origin })).toMatchObject({
      ok: true,
      input: { actor: { id: long.id } },
    });
  });
});
