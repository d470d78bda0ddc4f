import { describe, expect, it } from 'vitest';
import { demandSections, endsWithin, rankByDemand, timeBoxesEnding } from '../../src/domain/digest.js';
import type { Install, IntegrationRequest } from '../../src/domain/state.js';

const request = (
  id: string,
  input: { people: number; createdAt: string; state?: IntegrationRequest['state'] },
): IntegrationRequest => ({
  id,
  integrationId: `i-${id}`,
  state: input.state ?? 'open',
  requesters: Array.from({ length: input.people }, (_, n) => ({
    personId: `console:p${n}`,
    reason: null,
    at: input.createdAt,
  })),
  createdAt: input.createdAt,
  decision: null,
  expiredAt: null,
});

const install = (id: string, input: Pick<Install, 'endsAt'> & Partial<Pick<Install, 'status'>>): Install => ({
  integrationId: id,
  scope: { kind: 'all' },
  connected: false,
  changedAt: '2027-01-01T00:00:00Z',
  changedBy: 'console:admin',
  keptUntil: null,
  disabledBy: null,
  disabledAt: null,
  approvedPermissions: null,
  letEnd: null,
  status: input.status ?? 'enabled',
  endsAt: input.endsAt,
});

describe('rankByDemand', () => {
  it('ranks open requests by requesters, the longest waiting first among equals, decided ones left out', () => {
    const ranked = rankByDemand([
      request('a', { people: 1, createdAt: '2027-01-01T00:00:00Z' }),
      request('b', { people: 3, createdAt: '2027-01-05T00:00:00Z' }),
      request('c', { people: 3, createdAt: '2027-01-02T00:00:00Z' }),
      request('d', { people: 9, createdAt: '2027-01-01T00:00:00Z', state: 'approved' }),
      request('e', { people: 2, createdAt: '2027-01-03T00:00:00Z' }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['c', 'b', 'e', 'a']);
  });

  it('is empty without open requests', () => {
    expect(
      rankByDemand([request('d', { people: 2, createdAt: '2027-01-01T00:00:00Z', state: 'denied' })]),
    ).toEqual([]);
  });
});

describe('demandSections', () => {
  it('names a request once: the oldest pending leaves out the most requested', () => {
    const requests = [
      request('old', { people: 1, createdAt: '2026-10-01T00:00:00Z' }),
      request('hot', { people: 5, createdAt: '2027-01-10T00:00:00Z' }),
      request('warm', { people: 2, createdAt: '2027-01-09T00:00:00Z' }),
      request('older', { people: 1, createdAt: '2026-11-01T00:00:00Z' }),
    ];
    const { mostRequested, oldest } = demandSections(requests, { mostRequested: 2, oldest: 2 });
    expect(mostRequested.map((r) => r.id)).toEqual(['hot', 'warm']);
    expect(oldest.map((r) => r.id)).toEqual(['old', 'older']);
  });
});

describe('endsWithin and timeBoxesEnding', () => {
  const now = new Date('2027-02-01T09:00:00Z');
  it('counts an end after now and at most the horizon ahead', () => {
    expect(endsWithin('2027-02-15T09:00:00Z', { now, days: 14 })).toBe(true);
    expect(endsWithin('2027-02-15T09:00:01Z', { now, days: 14 })).toBe(false);
    expect(endsWithin('2027-02-01T09:00:00Z', { now, days: 14 })).toBe(false);
    expect(endsWithin(null, { now, days: 14 })).toBe(false);
  });

  it('lists enabled time-boxed installs ending soon, soonest first', () => {
    const ending = timeBoxesEnding(
      [
        install('zoom', { endsAt: '2027-02-10T00:00:00Z' }),
        install('box', { endsAt: '2027-02-03T00:00:00Z' }),
        install('jira', { endsAt: null }),
        install('quip', { endsAt: '2027-03-10T00:00:00Z' }),
        install('dropbox', { endsAt: '2027-02-04T00:00:00Z', status: 'disabled' }),
      ],
      { now, days: 14 },
    );
    expect(ending.map((i) => i.integrationId)).toEqual(['box', 'zoom']);
  });
});
