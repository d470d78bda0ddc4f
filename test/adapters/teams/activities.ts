import { randomUUID } from 'node:crypto';

/** Ids shaped like real Teams traffic. */
export const APP_ID = '00000000-0000-0000-0000-00000000b07';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: `28:${APP_ID}`, name: 'Integration Admin' };
export const ADA = {
  id: '29:1ada-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-00000000ada1',
  name: 'Ada Lovelace',
};
export const BOB = {
  id: '29:1bob-bf-id',
  aadObjectId: '6a1d7c2e-0000-4000-8000-00000000b0b1',
  name: 'Bob Member',
};
export const CHANNEL_CONVERSATION = '19:3a1b2c3d4e5f@thread.tacv2';
export const TEAM_ID = '19:teamgeneral0001@thread.tacv2';
export const GROUP_CHAT = '19:meeting-or-chat-0001@thread.v2';

type Person = typeof ADA;
/** The three Teams scopes: personal chat, a team channel, a group chat. */
export type Scope = 'personal' | 'channel' | 'groupChat';

function conversationOf(scope: Scope, from: Person) {
  if (scope === 'personal')
    return { id: `a:1personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID };
  if (scope === 'groupChat')
    return { id: GROUP_CHAT, conversationType: 'groupChat', tenantId: TENANT_ID, isGroup: true };
  return {
    id: `${CHANNEL_CONVERSATION};messageid=1700000000000`,
    conversationType: 'channel',
    tenantId: TENANT_ID,
    isGroup: true,
  };
}

let sequence = 0;

function base(serviceUrl: string, from: Person, scope: Scope) {
  sequence += 1;
  const conversation = conversationOf(scope, from);
  const channelData =
    scope !== 'channel'
      ? { tenant: { id: TENANT_ID } }
      : {
          tenant: { id: TENANT_ID },
          team: { id: TEAM_ID, name: 'Contoso IT', aadGroupId: '02ce3874-dd86-41ba-bddc-013f34019978' },
          channel: { id: CHANNEL_CONVERSATION, name: 'Admins' },
          teamsTeamId: TEAM_ID,
          teamsChannelId: CHANNEL_CONVERSATION,
        };
  return {
    id: `1700000000${String(sequence).padStart(3, '0')}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2024-05-02T10:42:00.000Z',
    localTimestamp: '2024-05-02T12:42:00.000+02:00',
    locale: 'en-US',
    localTimezone: 'Europe/Paris',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT.id, name: BOT.name },
    conversation,
    channelData,
  };
}

/** A typed message; in a channel or group chat the bot is mentioned first, as Teams requires. */
export function messageActivity(options: {
  serviceUrl: string;
  from?: Person;
  scope?: Scope;
  text: string;
  mentions?: Person[];
}) {
  const scope = options.scope ?? 'personal';
  const people = options.mentions ?? [];
  const botTag = `<at>${BOT.name}</at>`;
  const text = scope === 'personal' ? options.text : `${botTag} ${options.text}`;
  const entities: Record<string, unknown>[] = [
    { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Paris' },
  ];
  if (scope !== 'personal')
    entities.push({ type: 'mention', text: botTag, mentioned: { id: BOT.id, name: BOT.name } });
  for (const person of people) {
    entities.push({
      type: 'mention',
      text: `<at>${person.name}</at>`,
      mentioned: { id: person.id, name: person.name },
    });
  }
  // Teams also sends the message as HTML, mentions numbered (`<at id="0">`), beside the plain text.
  let n = 0;
  const html = text.replace(/<at>/g, () => `<at id="${n++}">`);
  return {
    ...base(options.serviceUrl, options.from ?? ADA, scope),
    type: 'message',
    textFormat: 'plain',
    text,
    attachments: [{ contentType: 'text/html', content: `<p>${html}</p>` }],
    entities,
  };
}

/** Universal Actions click: `adaptiveCard/action` invoke. */
export function executeInvoke(options: {
  serviceUrl: string;
  from?: Person;
  scope?: Scope;
  verb: string;
  data: unknown;
  /** `automatic` for a `refresh` Teams runs itself when someone views the card. */
  trigger?: 'manual' | 'automatic';
  replyToId?: string;
}) {
  return {
    ...base(options.serviceUrl, options.from ?? ADA, options.scope ?? 'channel'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? '1:activity-1',
    value: {
      action: { type: 'Action.Execute', id: randomUUID(), verb: options.verb, data: options.data },
      trigger: options.trigger ?? 'manual',
    },
  };
}

/** A button on a link-unfurl card (Action.Submit): `composeExtension/onCardButtonClicked` with its data. */
export function cardButtonInvoke(options: { serviceUrl: string; from?: Person; data: unknown }) {
  return {
    ...base(options.serviceUrl, options.from ?? ADA, 'channel'),
    type: 'invoke',
    name: 'composeExtension/onCardButtonClicked',
    value: options.data,
  };
}

/** Link unfurling in the compose box. */
export function queryLinkInvoke(options: {
  serviceUrl: string;
  url: string;
  anonymous?: boolean;
  from?: Person;
}) {
  return {
    ...base(options.serviceUrl, options.from ?? ADA, 'channel'),
    type: 'invoke',
    name: options.anonymous ? 'composeExtension/anonymousQueryLink' : 'composeExtension/queryLink',
    value: { url: options.url },
  };
}

/** The bot added to a team. */
export function installActivity(options: { serviceUrl: string; scope?: Scope }) {
  const activity = base(options.serviceUrl, ADA, options.scope ?? 'channel');
  // Install events name the channel itself, not a thread in it.
  const conversation = {
    ...activity.conversation,
    id: activity.conversation.id.replace(/;messageid=\d+$/, ''),
  };
  return {
    ...activity,
    conversation,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...activity.channelData, eventType: 'teamMemberAdded' },
  };
}
