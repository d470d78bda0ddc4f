import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUEST_DELAYS,
  expireRequest,
  parseDuration,
  requestStepDue,
  waitedDays,
} from '../../src/domain/request-timing.js';
import { emptyState, type IntegrationRequest } from '../../src/domain/state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const filed = '2027-01-01T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(filed) + ms);
const open = { state: 'open' as const, createdAt: filed };
const stepAt = (ms: number, request: Pick<IntegrationRequest, 'state' | 'createdAt'> = open) =>
  requestStepDue({ request, now: at(ms), delays: DEFAULT_REQUEST_DELAYS });

describe('parseDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('12h')).toBe(12 * HOUR);
    expect(parseDuration(' 2d ')).toBe(2 * DAY);
  });

  it.each(['', '2', 'd', '0d', '-1d', '1.5d', '2w', '2 days', '3651d', 'soon'])('refuses "%s"', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('requestStepDue', () => {
  it('owes nothing before the remind delay, to the millisecond', () => {
    expect(stepAt(0)).toBeNull();
    expect(stepAt(2 * DAY - 1)).toBeNull();
  });

  it('reminds from the remind delay until the escalate delay', () => {
    expect(stepAt(2 * DAY)).toBe('remind');
    expect(stepAt(5 * DAY - 1)).toBe('remind');
  });

  it('escalates from the escalate delay until the expire delay', () => {
    expect(stepAt(5 * DAY)).toBe('escalate');
    expect(stepAt(30 * DAY - 1)).toBe('escalate');
  });

  it('expires from the expire delay on, whatever was sent before', () => {
    expect(stepAt(30 * DAY)).toBe('expire');
    expect(stepAt(400 * DAY)).toBe('expire');
  });

  it('owes nothing for a request no longer open', () => {
    for (const state of ['approved', 'denied', 'expired'] as const) {
      expect(stepAt(40 * DAY, { state, createdAt: filed })).toBeNull();
    }
  });

  it('follows configured delays', () => {
    const delays = { remindAfterMs: 12 * HOUR, escalateAfterMs: DAY, expireAfterMs: 3 * DAY };
    const due = (ms: number) => requestStepDue({ request: open, now: at(ms), delays });
    expect([due(12 * HOUR - 1), due(12 * HOUR), due(DAY), due(3 * DAY)]).toEqual([
      null,
      'remind',
      'escalate',
      'expire',
    ]);
  });

  it('counts a clock before the filing time as no wait', () => {
    expect(stepAt(-10 * DAY)).toBeNull();
    expect(waitedDays(open, at(-DAY))).toBe(0);
  });
});

describe('waitedDays', () => {
  it('counts whole days only', () => {
    expect(waitedDays(open, at(3 * DAY - 1))).toBe(2);
    expect(waitedDays(open, at(3 * DAY))).toBe(3);
  });
});

describe('expireRequest', () => {
  const aState = () => {
    const state = emptyState();
    state.requests.r1 = {
      id: 'r1',
      integrationId: 'jira',
      state: 'open',
      requesters: [{ personId: 'console:ada', reason: 'bugs', at: filed }],
      createdAt: filed,
      decision: null,
      expiredAt: null,
    };
    state.openRequests.jira = 'r1';
    return state;
  };

  it('marks an open request expired, when, and takes it out of the open index', () => {
    const state = aState();
    const request = state.requests.r1 as IntegrationRequest;
    expect(expireRequest(state, request, at(30 * DAY))).toBe(true);
    expect(request).toMatchObject({
      state: 'expired',
      expiredAt: at(30 * DAY).toISOString(),
      decision: null,
    });
    expect(state.openRequests.jira).toBeUndefined();
  });

  it('leaves a decided request as it is', () => {
    const state = aState();
    const request = state.requests.r1 as IntegrationRequest;
    request.state = 'approved';
    expect(expireRequest(state, request, at(30 * DAY))).toBe(false);
    expect(request).toMatchObject({ state: 'approved', expiredAt: null });
    expect(state.openRequests.jira).toBe('r1');
  });
});
