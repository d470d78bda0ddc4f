import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthenticationFactory,
  ClaimsIdentity,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';

/** Per-call options of the ConnectorClient: `timeout` aborts a request the connector never answers. */
export interface ConnectorCallOptions {
  timeout?: number;
}

/**
 * How long a Bot Connector call may take. The client has no limit of its own, and one call that
 * never ends would hold the outbox run, and with it every other notice, for ever.
 */
export const CONNECTOR_TIMEOUT_MS = 30_000;

/** The part of botbuilder's ConnectorClient the sender uses. */
export interface Connector {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
  conversations: {
    createConversation(
      parameters: Record<string, unknown>,
      options?: ConnectorCallOptions,
    ): Promise<{ id?: string }>;
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options?: ConnectorCallOptions,
    ): Promise<{ id?: string }>;
    updateActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
      options?: ConnectorCallOptions,
    ): Promise<{ id?: string }>;
  };
}

/** The Bot Connector client of one serviceUrl, made once and reused by every send there. */
export interface ConnectorPool {
  connectorFor(serviceUrl: string): Promise<Connector>;
}

/** The credentials the app sends with (as botbuilder's configuration reads MicrosoftAppType). */
export interface ConnectorCredentials {
  appId: string | null;
  appPassword: string | null;
  appType: string;
  tenantId: string | null;
}

/**
 * The factory of the app's outbound credentials, chosen by app type as botbuilder's
 * ConfigurationServiceClientCredentialFactory does (without certificates, which the bot is never given);
 * no app id means local mode, whose credentials are empty.
 */
function credentialFactoryOf(config: ConnectorCredentials): ServiceClientCredentialsFactory {
  const appId = config.appId ?? '';
  switch (config.appType.toLowerCase()) {
    case 'userassignedmsi':
      return new ManagedIdentityServiceClientCredentialsFactory(appId, new JwtTokenProviderFactory());
    case 'singletenant':
      return new PasswordServiceClientCredentialFactory(
        appId,
        config.appPassword ?? '',
        config.tenantId ?? '',
      );
    default:
      return new PasswordServiceClientCredentialFactory(appId, config.appPassword ?? '', '');
  }
}

/**
 * One ConnectorClient per serviceUrl for the process, through botframework-connector's public
 * ConnectorFactory (public cloud, the app's credentials, which cache their token between calls):
 * what a proactive turn of the CloudAdapter builds anew for every send, without the turn. The
 * client's own retries are removed: the outbox retries and honours Retry-After.
 */
export function createConnectorPool(config: ConnectorCredentials): ConnectorPool {
  const auth = BotFrameworkAuthenticationFactory.create(
    '',
    true,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    credentialFactoryOf(config),
    { requiredEndorsements: [] },
  );
  const appId = config.appId ?? '';
  // The identity a proactive turn of the CloudAdapter would carry for this app.
  const identity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ],
    true,
  );
  const factory = auth.createConnectorFactory(identity);
  const clients = new Map<string, Promise<Connector>>();
  return {
    connectorFor: (serviceUrl) => {
      let client = clients.get(serviceUrl);
      if (!client) {
        client = factory.create(serviceUrl).then((made) => {
          const connector = made as unknown as Connector;
          connector.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
          return connector;
        });
        // A client that could not be made is made again on the next send.
        client.catch(() => clients.delete(serviceUrl));
        clients.set(serviceUrl, client);
      }
      return client;
    },
  };
}
