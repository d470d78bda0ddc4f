import type { State } from '../../../src/domain/state.js';
import { allStrings } from '../../adapters/teams/cards/card-checks.js';
import type { ConnectorCall } from '../../fakes/bot-connector.js';
import type { SlackCall } from '../../fakes/slack-api.js';

/**
 * Names each notice the fakes receive, so copies of one notice can be counted:
 * `card|<target>|<Tool0001>` the admin card of a request (one integration per request),
 * `dm|<target>` a requester's direct message (each requester asks once, so gets one),
 * `other|<target>|<text>` anything else (deadline notices), by its text.
 */
export interface NoticeCopy {
  target: string;
  key: string;
}

const TOOL = /\b(Tool\d{4})\b/;

function keyOf(target: string, text: string, isDirect: boolean): NoticeCopy {
  const tool = TOOL.exec(text)?.[1];
  if (isDirect) return { target, key: `dm|${target}` };
  if (tool) return { target, key: `card|${target}|${tool}` };
  return { target, key: `other|${target}|${text.slice(0, 300)}` };
}

export const deliveryOf = {
  /** A chat.postMessage Slack accepted; null for anything else. */
  slack(call: SlackCall): NoticeCopy | null {
    if (call.method !== 'chat.postMessage' || !call.result) return null;
    const channel = String(call.args.channel);
    return keyOf(`slack:${channel}`, String(call.args.text ?? ''), channel.startsWith('D'));
  },
  /** A new activity (not a reply, not an update) the connector accepted; null for anything else. */
  teams(call: ConnectorCall): NoticeCopy | null {
    if (call.kind !== 'activity' || call.method !== 'POST' || call.activityId !== null) return null;
    const target = `teams:${call.conversationId}`;
    return keyOf(target, allStrings(call.body).join('\n'), call.conversationId.startsWith('a:'));
  },
};

/** The person a direct-message target belongs to (`slack:D123` → `slack:U123`, Teams personal chats by AAD id). */
export function personOfDm(target: string): string | null {
  const slack = /^slack:D(\w+)$/.exec(target);
  if (slack) return `slack:U${slack[1]}`;
  const teams = /^teams:a:1personal-(.+)$/.exec(target);
  return teams ? `teams:${teams[1]}` : null;
}

/** The integration name a card key names. */
export const toolOf = (key: string) => TOOL.exec(key)?.[1] ?? null;

/** The person's direct-message target as the fakes name it (`slack:U1` → `slack:D1`). */
export const dmTarget = (person: string) =>
  person.startsWith('slack:U')
    ? `slack:D${person.slice('slack:U'.length)}`
    : `teams:a:1personal-${person.slice('teams:'.length)}`;

/** Notices a state says were sent: each request's card in each admin channel, each requester's decision DM. */
export function expectedKeys(state: State, input: { nameOf: (id: string) => string }): string[] {
  const channels = Object.values(state.adminChannels)
    .filter((c) => c.active)
    .map((c) => c.id);
  return Object.values(state.requests).flatMap((r) => [
    ...channels.map((c) => `card|${c}|${input.nameOf(r.integrationId)}`),
    ...(r.state === 'open' ? [] : r.requesters.map((q) => `dm|${dmTarget(q.personId)}`)),
  ]);
}
