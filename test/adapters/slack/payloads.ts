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

/**
 * The rich_text block Slack adds to every message a person types: user mentions as `user`
 * elements, links as `link`, the rest as `text`.
 */
export function richText(text: string) {
  const elements: Record<string, unknown>[] = [];
  for (const part of text.split(/(<[^>]+>)/).filter(Boolean)) {
    const user = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(part);
    const link = /^<(https?:[^>|]+)(?:\|([^>]*))?>$/.exec(part);
    if (user) elements.push({ type: 'user', user_id: user[1] });
    else if (link) elements.push({ type: 'link', url: link[1], ...(link[2] ? { text: link[2] } : {}) });
    else elements.push({ type: 'text', text: part });
  }
  return [
    { type: 'rich_text', block_id: nextId().slice(-5), elements: [{ type: 'rich_text_section', elements }] },
  ];
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
    blocks: richText(input.text),
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
    blocks: richText(input.text),
  };
}

/**
 * A link_shared event. From the composer (a link not yet sent) Slack names the channel
 * `COMPOSER` and message_ts is no timestamp; unfurl_id with source then names the link.
 */
export function linkShared(input: {
  user: string;
  channel: string;
  urls: string[];
  source?: 'conversations_history' | 'composer';
}) {
  const composer = input.source === 'composer';
  const messageTs = composer ? `${input.user}-909b5454-75f8-4ac4-b325-1b40e230bbd8-1` : ts();
  return {
    type: 'link_shared',
    channel: composer ? 'COMPOSER' : input.channel,
    is_bot_user_member: true,
    user: input.user,
    message_ts: messageTs,
    unfurl_id: composer
      ? `${input.user}-909b5454-75f8-4ac4-b325-1b40e230bbd8`
      : `${input.channel}.${messageTs}.${nextId()}`,
    source: input.source ?? 'conversations_history',
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

/** A clicked element: a button, or one option of an overflow menu (`menu: true`: Slack sends `selected_option`). */
type Button = { action_id: string; value?: string; text?: { type: string; text: string }; menu?: boolean };

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
      input.button.menu
        ? {
            action_id: input.button.action_id,
            block_id: 'b1',
            type: 'overflow',
            selected_option: {
              text: input.button.text ?? { type: 'plain_text', text: 'Option' },
              value: input.button.value,
            },
            action_ts: ts(),
          }
        : {
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

/** A view_submission payload: the modal as views.open sent it, echoed with Slack's fields and the state values. */
export function viewSubmission(input: {
  user: string;
  view: { callback_id: string; private_metadata: string; blocks?: unknown[]; title?: unknown };
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
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      ...input.view,
      blocks: input.view.blocks ?? [],
      private_metadata: input.view.private_metadata,
      callback_id: input.view.callback_id,
      state: { values: input.values },
      hash: '1700000000.abcdef',
      title: input.view.title ?? { type: 'plain_text', text: 'Deny request' },
      external_id: '',
      previous_view_id: null,
      app_installed_team_id: TEAM,
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

/** A multi_static_select (or checkboxes) answer as view.state.values carries it. */
export function chosenOptions(
  type: 'multi_static_select' | 'checkboxes',
  options: { value: string; text: string }[],
) {
  return {
    type,
    selected_options: options.map((o) => ({
      text: { type: 'plain_text', text: o.text, emoji: true },
      value: o.value,
    })),
  };
}

/** Interactivity requests carry their JSON in one `payload` form field. */
export const interactivity = (payload: unknown) => ({ form: { payload: JSON.stringify(payload) } });
