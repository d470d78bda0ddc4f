import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { View } from '../../../src/application/views/view.js';
import { CHANNEL_CONVERSATION, messageActivity } from './activities.js';
import { type Harness, startHarness } from './harness.js';

/**
 * A Bot Connector that takes a request and never answers: the send must end as a failed attempt
 * (retried later by the outbox), not wait for ever and hold every other notice behind it.
 */
const notice: View = { kind: 'message', tone: 'info', text: 'Jira was requested by Bob' };
const target = `teams:${CHANNEL_CONVERSATION}`;
let hold = false;
let h: Harness;

beforeEach(async () => {
  hold = false;
  h = await startHarness(
    {},
    {
      connector: {
        fault: (call) =>
          hold && (call.method === 'PUT' || !call.activityId) ? { kind: 'timeout' } : undefined,
      },
      connectorTimeoutMs: 300,
    },
  );
  await h.post(
    messageActivity({ serviceUrl: h.connector.serviceUrl, scope: 'channel', text: 'notify here' }),
  );
});
afterEach(async () => {
  await h.close();
});

describe('Teams sender against a connector that never answers', () => {
  it('reports the post as a failed attempt, to be retried', async () => {
    hold = true;
    const outcome = await h.sender.post({ target, view: notice });
    expect(outcome).toMatchObject({ ok: false, kind: 'failed' });
    hold = false;
    expect(await h.sender.post({ target, view: notice })).toMatchObject({ ok: true });
  });

  it('reports an update as a failed attempt too', async () => {
    hold = true;
    h.connector.calls.length = 0;
    const outcome = await h.sender.update({ target, messageId: '1:activity-7', view: notice });
    expect(outcome).toMatchObject({ ok: false, kind: 'failed' });
    expect(h.connector.calls).toEqual([]);
  });
});
