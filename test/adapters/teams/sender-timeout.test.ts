import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { View } from '../../../src/application/views/view.js';
import { BOB, CHANNEL_CONVERSATION, messageActivity } from './activities.js';
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
    // Said as a timeout in the log line, not as the client's bare "The operation was aborted".
    expect(outcome).toEqual({
      ok: false,
      kind: 'failed',
      detail: 'Bot Connector did not answer within 0.3 s (timeout)',
    });
    hold = false;
    expect(await h.sender.post({ target, view: notice })).toMatchObject({ ok: true });
  });

  it('reports an update as a failed attempt too', async () => {
    hold = true;
    h.connector.calls.length = 0;
    const outcome = await h.sender.update({ target, messageId: '1:activity-7', view: notice });
    expect(outcome).toEqual({
      ok: false,
      kind: 'failed',
      detail: 'Bot Connector did not answer within 0.3 s (timeout)',
    });
    expect(h.connector.calls).toEqual([]);
  });

  it('reports a 1:1 chat the connector never opens as a timeout too', async () => {
    // Bob wrote only in a team channel: a DM to him opens the chat first.
    await h.post(
      messageActivity({ serviceUrl: h.connector.serviceUrl, from: BOB, scope: 'channel', text: 'help' }),
    );
    h.connector.calls.length = 0;
    hold = true;
    const outcome = await h.sender.post({ target: `teams:${BOB.aadObjectId}`, view: notice });
    expect(outcome).toEqual({
      ok: false,
      kind: 'failed',
      detail: 'Bot Connector did not answer within 0.3 s (timeout)',
    });
    // Held at the chat's opening: nothing was posted.
    expect(h.connector.calls).toEqual([]);
  });
});
