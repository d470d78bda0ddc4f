import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createUserNames, displayNameOf } from '../../../src/adapters/slack/user-names.js';
import { MAX_NAME_LENGTH } from '../../../src/domain/limits.js';
import { fixedClock } from '../../fakes/clock.js';
import { silentLogger } from '../../fakes/silent-logger.js';

const HOUR = 3_600_000;

/** A users.info answer in Slack's documented shape. */
const info = (
  profile: { display_name?: string; real_name?: string },
  extra: Record<string, unknown> = {},
) => ({
  ok: true,
  user: { id: 'U1', name: 'handle', real_name: profile.real_name, profile, ...extra },
});

/** A WebClient whose users.info answers from `answer` and counts its calls. */
function fakeClient(answer: (user: string) => Promise<unknown>) {
  const calls: string[] = [];
  const client = {
    users: {
      info: (args: { user: string }) => {
        calls.push(args.user);
        return answer(args.user);
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

describe('displayNameOf', () => {
  it('prefers the display name', () => {
    expect(displayNameOf(info({ display_name: 'Ada', real_name: 'Ada Lovelace' }))).toBe('Ada');
  });

  it('falls back to the real name when the display name is empty, as Slack leaves it', () => {
    expect(displayNameOf(info({ display_name: '', real_name: 'Ada Lovelace' }))).toBe('Ada Lovelace');
  });

  it('falls back to the handle when the profile names nobody', () => {
    expect(displayNameOf({ ok: true, user: { id: 'U1', name: 'ada', profile: {} } })).toBe('ada');
  });

  it.each([null, 'text', { ok: true }, { ok: true, user: { profile: { display_name: 42 } } }])(
    'answers null to an answer of the wrong shape (%j)',
    (answer) => {
      expect(displayNameOf(answer)).toBeNull();
    },
  );
});

describe('createUserNames', () => {
  it('asks Slack once per user while the entry is fresh, again after the TTL', async () => {
    const clock = fixedClock('2024-01-01T00:00:00Z');
    const { client, calls } = fakeClient(async () => info({ display_name: 'Ada' }));
    const names = createUserNames({ client, clock, logger: silentLogger, ttlMs: HOUR });
    expect(await names('U1')).toBe('Ada');
    expect(await names('U1')).toBe('Ada');
    expect(calls).toEqual(['U1']);
    clock.advance(HOUR + 1);
    await names('U1');
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('shares one lookup between concurrent asks for the same user', async () => {
    const { client, calls } = fakeClient(async () => info({ display_name: 'Ada' }));
    const names = createUserNames({
      client,
      clock: fixedClock('2024-01-01T00:00:00Z'),
      logger: silentLogger,
    });
    expect(await Promise.all([names('U1'), names('U1'), names('U1')])).toEqual(['Ada', 'Ada', 'Ada']);
    expect(calls).toEqual(['U1']);
  });

  it('answers null when users.info fails, and tries again once the short failure TTL is over', async () => {
    const clock = fixedClock('2024-01-01T00:00:00Z');
    let fail = true;
    const { client, calls } = fakeClient(async () => {
      if (fail)
        throw Object.assign(new Error('An API error occurred: user_not_found'), {
          data: { error: 'user_not_found' },
        });
      return info({ display_name: 'Ada' });
    });
    const names = createUserNames({ client, clock, logger: silentLogger, failureTtlMs: 60_000 });
    expect(await names('U1')).toBeNull();
    expect(await names('U1')).toBeNull();
    expect(calls).toHaveLength(1);
    fail = false;
    clock.advance(60_001);
    expect(await names('U1')).toBe('Ada');
  });

  it('keeps at most maxEntries users, dropping the least recently used', async () => {
    const { client, calls } = fakeClient(async (user) => info({ display_name: user }));
    const names = createUserNames({
      client,
      clock: fixedClock('2024-01-01T00:00:00Z'),
      logger: silentLogger,
      maxEntries: 2,
    });
    await names('U1');
    await names('U2');
    await names('U1');
    await names('U3');
    await names('U1');
    expect(calls).toEqual(['U1', 'U2', 'U3']);
    await names('U2');
    expect(calls).toEqual(['U1', 'U2', 'U3', 'U2']);
  });

  it('does not ask Slack about ids that are not user ids', async () => {
    const { client, calls } = fakeClient(async () => info({ display_name: 'x' }));
    const names = createUserNames({
      client,
      clock: fixedClock('2024-01-01T00:00:00Z'),
      logger: silentLogger,
    });
    expect(await names('C123')).toBeNull();
    expect(await names('')).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('displayNameOf bounds', () => {
  it('cuts a name longer than the store keeps, with an ellipsis', () => {
    const name = displayNameOf({ ok: true, user: { profile: { display_name: 'Z'.repeat(300) } } });
    expect(name).toBe(`${'Z'.repeat(MAX_NAME_LENGTH - 1)}…`);
  });
});
