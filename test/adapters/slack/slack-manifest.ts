// What manifest/slack/manifest.json must be: the app manifest built from the catalog, kept as the test's expectation.
/** Slack lets an app register at most five unfurl domains; subdomains of each are matched too. */
export const MAX_UNFURL_DOMAINS = 5;

export const BOT_SCOPES = [
  'commands',
  'app_mentions:read',
  'chat:write',
  'im:history',
  'im:read',
  'im:write',
  'links:read',
  'links:write',
  'users:read',
] as const;

export const BOT_EVENTS = ['app_mention', 'message.im', 'link_shared', 'app_home_opened'] as const;

/**
 * Unfurl domains from catalog link hosts: wildcards dropped (Slack matches subdomains of a
 * registered domain), one domain per integration first so that five cover five integrations.
 */
export function unfurlDomains(hostsByIntegration: readonly (readonly string[])[]): string[] {
  const domains: string[] = [];
  const add = (host: string) => {
    const domain = host.replace(/^\*\./, '').toLowerCase();
    if (domains.length < MAX_UNFURL_DOMAINS && !domains.includes(domain)) domains.push(domain);
  };
  const longest = Math.max(0, ...hostsByIntegration.map((h) => h.length));
  for (let i = 0; i < longest; i += 1)
    for (const hosts of hostsByIntegration) {
      const host = hosts[i];
      if (host) add(host);
    }
  return domains;
}

/** The Slack app manifest (major version 1) for a bot served at `publicUrl`. */
export function buildSlackManifest(input: {
  publicUrl: string;
  hostsByIntegration: readonly (readonly string[])[];
}) {
  const events = `${input.publicUrl.replace(/\/+$/, '')}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Integrations',
      description: 'Request and approve integrations, choose the chat provider, follow review deadlines.',
      background_color: '#2c2d30',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'Integrations', always_online: true },
      slash_commands: [
        {
          command: '/integrations',
          url: events,
          description: 'Request, approve and manage integrations',
          usage_hint: 'help | request jira because … | requests | approve jira for all',
          should_escape: true,
        },
      ],
      unfurl_domains: unfurlDomains(input.hostsByIntegration),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: events, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/**
 * The same app for Socket Mode: no request URLs (Slack sends everything over the app's WebSocket)
 * and `socket_mode_enabled`. The app-level token (`connections:write`) is made in the app settings;
 * manifests cannot create it.
 */
export function buildSocketModeManifest(input: { hostsByIntegration: readonly (readonly string[])[] }) {
  const http = buildSlackManifest({ publicUrl: 'https://unused.invalid', ...input });
  const { event_subscriptions, interactivity } = http.settings;
  return {
    ...http,
    features: {
      ...http.features,
      slash_commands: http.features.slash_commands.map(({ url: _url, ...command }) => command),
    },
    settings: {
      ...http.settings,
      event_subscriptions: { bot_events: event_subscriptions.bot_events },
      interactivity: { is_enabled: interactivity.is_enabled },
      socket_mode_enabled: true,
    },
  };
}
