import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { parseInboundActivity } from '../../../src/adapters/teams/activity.js';
import { admissionRefusal, refuseActivity } from '../../../src/adapters/teams/admission.js';
import { createRefusalLog } from '../../../src/adapters/teams/refusal-log.js';
import { createCaptureLogger } from '../../fakes/capture-logger.js';
import { ADA, executeInvoke, messageActivity, TENANT_ID } from './activities.js';

const parse = (body: unknown) => {
  const parsed = parseInboundActivity(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.activity;
};
const message = (over: Record<string, unknown> = {}) =>
  parse({
    ...messageActivity({ serviceUrl: 'http://127.0.0.1:1/', from: ADA, text: 'admin add @Mallory' }),
    ...over,
  });
const withApp = { appId: 'app', tenantId: TENANT_ID };

describe('admissionRefusal', () => {
  it('lets everything through in local mode (guarded by loopback instead)', () => {
    expect(admissionRefusal(message({ channelId: 'webchat' }), { appId: null, tenantId: null })).toBeNull();
  });

  it('refuses channels other than msteams with an app id, tenant or not', () => {
    expect(admissionRefusal(message({ channelId: 'webchat' }), { appId: 'app', tenantId: null })).toMatch(
      /only in Microsoft Teams/,
    );
    expect(admissionRefusal(message({ channelId: 'directline' }), withApp)).toMatch(
      /only in Microsoft Teams/,
    );
    expect(admissionRefusal(message(), { appId: 'app', tenantId: null })).toBeNull();
  });

  it('refuses another tenant, named in channelData or in the conversation, and a missing one', () => {
    expect(admissionRefusal(message(), withApp)).toBeNull();
    expect(admissionRefusal(message({ channelData: { tenant: { id: 'other' } } }), withApp)).toMatch(
      /one organisation/,
    );
    const conversation = { id: 'a:1', conversationType: 'personal', tenantId: 'other' };
    expect(admissionRefusal(message({ channelData: null, conversation }), withApp)).toMatch(
      /one organisation/,
    );
    const bare = { id: 'a:1', conversationType: 'personal' };
    expect(admissionRefusal(message({ channelData: null, conversation: bare }), withApp)).toMatch(
      /one organisation/,
    );
  });
});

describe('refuseActivity', () => {
  const context = () => {
    const sent: unknown[] = [];
    const sendActivity = async (activity: unknown) => {
      sent.push(activity);
      return {};
    };
    return { sent, context: { sendActivity } as unknown as TurnContext };
  };

  it('replies to a message with the reason, and answers an invoke with 403', async () => {
    const m = context();
    await refuseActivity(m.context, message(), 'no');
    expect(m.sent).toEqual(['no']);
    const i = context();
    await refuseActivity(
      i.context,
      parse(executeInvoke({ serviceUrl: 'http://127.0.0.1:1/', verb: 'refresh', data: {} })),
      'no',
    );
    expect(i.sent).toMatchObject([{ type: 'invokeResponse', value: { status: 403 } }]);
    const other = context();
    await refuseActivity(other.context, message({ type: 'conversationUpdate' }), 'no');
    expect(other.sent).toEqual([]);
  });
});

describe('createRefusalLog', () => {
  it('writes one short line, then at most one a minute with the count it skipped', () => {
    const logger = createCaptureLogger();
    let now = 0;
    const note = createRefusalLog({ logger, now: () => now });
    note('jwt expired\n    at verify (jsonwebtoken/verify.js:190:21)');
    for (now = 1_000; now < 60_000; now += 10_000) note('Unauthorized');
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'teams request refused: not authenticated',
        fields: { reason: 'jwt expired' },
      },
    ]);
    now = 60_000;
    note('Unauthorized');
    expect(logger.lines[1]).toEqual({
      level: 'warn',
      message: 'teams request refused: not authenticated',
      fields: { reason: 'Unauthorized', alsoRefusedSinceLastLine: 6 },
    });
  });
});
