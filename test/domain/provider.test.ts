import { describe, expect, it } from 'vitest';
import {
  PROVIDERS,
  type ProviderEntry,
  type ProviderId,
  ProviderId as ProviderIds,
  retirementNoticeKey,
  retirementOf,
} from '../../src/domain/provider.js';

describe('retirementOf', () => {
  it('says Skype for Business Online retired on 31 July 2021, succeeded by Microsoft Teams', () => {
    expect(retirementOf('skype', new Date('2026-11-29T00:00:00Z'))).toEqual({
      provider: 'skype',
      on: '2021-07-31',
      past: true,
      successor: { name: 'Microsoft Teams', provider: 'teams' },
    });
  });

  it('says classic Hangouts moved to Google Chat in 2022', () => {
    expect(retirementOf('hangouts', new Date('2026-11-29T00:00:00Z'))).toMatchObject({
      on: '2022-11-01',
      past: true,
      successor: { name: 'Google Chat', provider: 'google-chat' },
    });
  });

  it('is "retiring" before the day, and retired from the day itself', () => {
    expect(retirementOf('skype', new Date('2021-07-30T23:59:59Z'))?.past).toBe(false);
    expect(retirementOf('skype', new Date('2021-07-31T00:00:00Z'))?.past).toBe(true);
  });

  it('knows no retirement for the successors and for none', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    expect(retirementOf('teams', now)).toBeNull();
    expect(retirementOf('google-chat', now)).toBeNull();
    expect(retirementOf('none', now)).toBeNull();
  });

  it('keeps a successor the bot cannot set as a name only', () => {
    const table: Record<ProviderId, ProviderEntry> = {
      ...PROVIDERS,
      hangouts: { ...PROVIDERS.hangouts, successor: { name: 'Google Chat', provider: null } },
    };
    expect(retirementOf('hangouts', new Date('2030-01-01T00:00:00Z'), table)?.successor).toEqual({
      name: 'Google Chat',
      provider: null,
    });
  });

  it('names only settable providers as successors, never itself', () => {
    for (const id of ProviderIds.options) {
      const successor = PROVIDERS[id].successor;
      if (successor?.provider) {
        expect(ProviderIds.options).toContain(successor.provider);
        expect(successor.provider).not.toBe(id);
        expect(PROVIDERS[successor.provider].retiredOn).toBeNull();
      }
    }
  });

  it('keys the notice per provider and date, so it is sent once', () => {
    const r = retirementOf('skype', new Date('2026-01-01T00:00:00Z'));
    if (!r) throw new Error('no retirement');
    expect(retirementNoticeKey(r)).toBe('provider-retirement:skype:2021-07-31');
  });
});
