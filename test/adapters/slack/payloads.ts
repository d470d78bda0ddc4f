/**
 * Slack payloads shaped field for field as Slack documents them: the Events API
 * `event_callback` envelope, slash command form fields, and interactivity payloads
 * (`payload=` form field) for block_actions and view_submission.
 */
export const TEAM = 'T0001';
export const APP = 'A0001';
export const BOT_USER = 'UBOT';
const VERIFICATION_TOKEN = 'legacy-verification-token';

let counter = 0;
const nextId = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export function eventCallback(event: Record<string, unknown>, overrides: { eventId?: string } = {}) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM,
    api_app_id: APP,
    event,
    type: 'event_callback',
    event_id: overrides.eventId ?? `Ev${nextId()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${nextId()}`,
  };
}

const ts = () => `${Math.floor(Date.now() / 1000)}.${String(counter++).padStart(6, '0')}`;

export function appMention(input: { user: string; channel: string; text: string; threadTs?: string }) {
  const at = ts();
  return {
    type: 'app_mention',
    user: input.user,
    text: input.text,
    ts: at,
    channel: input.channel,
    event_ts: at,
    team: TEAM,
    client_msg_id: `msg-${nextId()}`,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  };
}

export function directMessage(input: { user: string; channel: string; text: string }) {
  const at = ts();
  return {
    type: 'message',
    channel: input.channel,
    user: input.user,
    text: input.text,
    ts: at,
    event_ts: at,
    channel_type: 'im',
    team: TEAM,
    client_msg_id: `msg-${nextId()}`,
  };
}

export function linkShared(input: { user: string; channel: string; urls: string[] }) {
  return {
    type: 'link_shared',
    channel: input.channel,
    is_bot_user_member: true,
    user: input.user,
    message_ts: ts(),
    unfurl_id: `${input.channel}.${nextId()}`,
    source: 'conversations_history',
    links: input.urls.map((url) => ({ domain: new URL(url).hostname, url })),
    event_ts: ts(),
  };
}

export function appHomeOpened(input: { user: string; channel: string }) {
  return { type: 'app_home_opened', user: input.user, channel: input.channel, tab: 'home', event_ts: ts() };
}

/** Form fields of a slash command invocation. */
export function slashCommand(input: {
  user: string;
  userName?: string;
  channel: string;
  channelName?: string;
  text: string;
  responseUrl: string;
}) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: input.channel,
    channel_name: input.channelName ?? 'general',
    user_id: input.user,
    user_name: input.userName ?? input.user.toLowerCase(),
    command: '/integrations',
    text: input.text,
    api_app_id: APP,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${nextId()}.trigger`,
  };
}

type Button = { action_id: string; value?: string; text?: { type: string; text: string } };

/** A block_actions payload for a click on `button` of a message (or of App Home / an unfurl). */
export function blockActions(input: {
  user: string;
  userName?: string;
  button: Button;
  channel?: string;
  messageTs?: string;
  responseUrl?: string;
  container?: 'message' | 'view' | 'unfurl';
  blocks?: unknown[];
}) {
  const where = input.container ?? 'message';
  const container =
    where === 'view'
      ? { type: 'view', view_id: 'VHOME' }
      : where === 'unfurl'
        ? {
            type: 'message_attachment',
            message_ts: input.messageTs,
            attachment_id: 1,
            channel_id: input.channel,
            is_ephemeral: false,
            is_app_unfurl: true,
          }
        : { type: 'message', message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false };
  return {
    type: 'block_actions',
    user: {
      id: input.user,
      username: input.userName ?? input.user.toLowerCase(),
      name: input.userName ?? input.user.toLowerCase(),
      team_id: TEAM,
    },
    api_app_id: APP,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: `${nextId()}.trigger`,
    team: { id: TEAM, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    ...(where === 'view'
      ? { view: { id: 'VHOME', type: 'home', blocks: input.blocks ?? [] } }
      : {
          channel: { id: input.channel, name: 'admins' },
          message: {
            type: 'message',
            ts: input.messageTs,
            text: '',
            user: BOT_USER,
            bot_id: 'B0001',
            blocks: input.blocks ?? [],
          },
        }),
    state: { values: {} },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: [
      {
        action_id: input.button.action_id,
        block_id: 'b1',
        text: input.button.text ?? { type: 'plain_text', text: 'Button' },
        value: input.button.value,
        type: 'button',
        action_ts: ts(),
      },
    ],
  };
}

/** A view_submission payload for a modal with the given state values. */
export function viewSubmission(input: {
  user: string;
  view: { callback_id: string; private_metadata: string; blocks?: unknown[] };
  values: Record<string, Record<string, unknown>>;
}) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: {
      id: input.user,
      username: input.user.toLowerCase(),
      name: input.user.toLowerCase(),
      team_id: TEAM,
    },
    api_app_id: APP,
    token: VERIFICATION_TOKEN,
    trigger_id: `${nextId()}.trigger`,
    view: {
      id: `V${nextId()}`,
      team_id: TEAM,
      type: 'modal',
      blocks: input.view.blocks ?? [],
      private_metadata: input.view.private_metadata,
      callback_id: input.view.callback_id,
      state: { values: input.values },
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'Deny request' },
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: `V${nextId()}`,
      app_id: APP,
      bot_id: 'B0001',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Interactivity requests carry their JSON in one `payload` form field. */
export const interactivity = (payload: unknown) => ({ form: { payload: JSON.stringify(payload) } });
