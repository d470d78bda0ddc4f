import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../application/ports/logger.js';
import type { Config } from '../../config.js';

/** The Teams part of the configuration, with the public URL and an optional OpenID metadata override. */
/** Config['teams'] (its openIdMetadataUrl unset: the Bot Framework's public endpoint) and the public URL. */
export type TeamsChannelConfig = Config['teams'] & { publicUrl: string };

/** Public-cloud values botbuilder uses by default; needed in full once one of them is overridden. */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: true,
};

function authSettings(config: TeamsChannelConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const credentials = {
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
  };
  if (!config.appId || !config.openIdMetadataUrl) return credentials;
  return { ...credentials, ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl };
}

/**
 * CloudAdapter with its authenticate-and-run step public. `process()` would do the same but prints every
 * refused token with its stack on the console (log flooding by anyone who can reach the port); the route
 * calls this instead and words refusals itself.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates the activity (when an app id is set) and runs the turn; throws AuthenticationError. */
  run(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * botbuilder's CloudAdapter: no app id means local mode (no Bot Framework auth); with an app id every
 * inbound activity must carry a valid channel token, and single-tenant apps use their tenant.
 */
export function createCloudAdapter(options: {
  config: TeamsChannelConfig;
  logger: Logger;
}): TeamsCloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(authSettings(options.config));
  const adapter = new TeamsCloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const cause = error instanceof Error ? error : new Error(String(error));
    options.logger.error('teams turn failed', {
      activityType: context.activity.type,
      name: context.activity.name ?? null,
      error: cause.message,
    });
    if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 500 } }).catch(() => undefined);
    }
  };
  return adapter;
}
