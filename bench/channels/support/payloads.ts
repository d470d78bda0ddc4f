import { createHash } from 'node:crypto';
import {
  appMention,
  directMessage,
  eventCallback,
  slashCommand,
} from '../../../test/adapters/slack/payloads.js';
import { messageActivity } from '../../../test/adapters/teams/activities.js';
import { slackNow, slackSignature } from '../../../test/fakes/slack-signing.js';
import { type Op, SLACK_SECRET } from './protocol.js';

/** An HTTP request ready to send, and the key its first reply is recognised by. */
export interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: string;
  replyKey: string;
}

/** A Teams user as the activity builders take it. */
interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

const CHANNEL = 'C0BENCH';
let sequence = 0;

function signed(body: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    ...slackSignature({ secret: SLACK_SECRET, body, timestamp: slackNow() }),
  };
}

/** Builds the signed Slack request or the Teams activity for one op, as the platforms shape them. */
export function prepare(
  op: Op,
  input: { responseUrl: (id: string) => string; serviceUrl: string },
): Prepared {
  sequence += 1;
  if (op.channel === 'slack-mention') {
    const event = appMention({ user: op.user, channel: CHANNEL, text: `<@UBOT> ${op.text}` });
    const body = JSON.stringify(eventCallback(event));
    return {
      path: '/slack/events',
      headers: signed(body, 'application/json'),
      body,
      replyKey: `slack:${CHANNEL}:${event.ts}`,
    };
  }
  if (op.channel === 'slack-dm') {
    // A direct-message conversation of its own per request, so its reply is told apart.
    const channel = `D${process.pid.toString(36).toUpperCase()}X${sequence.toString(36).toUpperCase()}`;
    const body = JSON.stringify(eventCallback(directMessage({ user: op.user, channel, text: op.text })));
    return {
      path: '/slack/events',
      headers: signed(body, 'application/json'),
      body,
      replyKey: `slack:${channel}:dm`,
    };
  }
  if (op.channel === 'slack-command') {
    const id = `bench-${process.pid}-${sequence}`;
    const form = slashCommand({
      user: op.user,
      channel: CHANNEL,
      text: op.text,
      responseUrl: input.responseUrl(id),
    });
    const body = new URLSearchParams(form).toString();
    return {
      path: '/slack/events',
      headers: signed(body, 'application/x-www-form-urlencoded'),
      body,
      replyKey: `response:${id}`,
    };
  }
  const id = `bench-${process.pid}-${sequence}`;
  const activity = {
    ...messageActivity({ serviceUrl: input.serviceUrl, from: teamsPerson(op.user), text: op.text }),
    id,
  };
  return {
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    replyKey: `teams:${id}`,
  };
}

/**
 * A Teams user with stable ids derived from a name. The AAD object id's last group is a digest of
 * the whole name: the name's own hex, cut to its last six characters, gave `U0009BENCH` and
 * `U0019BENCH` one identity, whose name and personal chat then flipped at every message.
 */
export function teamsPerson(name: string): Person {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return { id: `29:1${name}-bf-id`, aadObjectId: `6a1d7c2e-0000-4000-8000-${hex}`, name: `Bench ${name}` };
}
