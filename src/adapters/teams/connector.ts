import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

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

/** The connector of a proactive turn, without its built-in retries: the outbox retries and honours Retry-After. */
function connectorOf(adapter: CloudAdapter, context: TurnContext): Connector {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as Connector;
  connector.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return connector;
}

/**
 * Runs `call` with the Bot Connector at the reference's serviceUrl, through a proactive turn of the
 * CloudAdapter: authenticated with the app's credentials when an app id is set, anonymous in local mode.
 */
export async function withConnector<T>(options: {
  adapter: CloudAdapter;
  appId: string | null;
  reference: Partial<ConversationReference>;
  call: (connector: Connector) => Promise<T>;
}): Promise<T> {
  const { adapter } = options;
  // Errors are carried out of the turn by hand: the adapter would hand them to onTurnError instead.
  const box: { result: { ok: true; value: T } | { ok: false; error: unknown } } = {
    result: { ok: false, error: new Error('The proactive turn did not run.') },
  };
  await adapter.continueConversationAsync(options.appId ?? '', options.reference, async (context) => {
    try {
      box.result = { ok: true, value: await options.call(connectorOf(adapter, context)) };
    } catch (error) {
      box.result = { ok: false, error };
    }
  });
  if (!box.result.ok) throw box.result.error;
  return box.result.value;
}
