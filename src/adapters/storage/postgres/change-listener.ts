/**
 * A dedicated connection that LISTENs for other replicas' writes (the store NOTIFYs a channel as it
 * commits). Pool connections come and go, so LISTEN needs a client of its own. When the connection
 * drops it reconnects after `retryMs`, and reports `null` once back: notifications sent meanwhile
 * were lost, so the store catches up on everything since its last look.
 */
import pg from 'pg';

export interface ChangeListener {
  /** Whether the LISTEN connection is up (false while it reconnects). */
  listening(): boolean;
  close(): Promise<void>;
}

export async function listenForChanges(input: {
  client: pg.ClientConfig;
  channel: string;
  /** A notification's payload, or null after a reconnection. */
  onNotify: (payload: string | null) => void;
  onError: (error: Error) => void;
  retryMs?: number;
}): Promise<ChangeListener> {
  let closed = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const client = new pg.Client(input.client);
    let ready = false;
    let lost = false;
    const onLost = (error?: Error) => {
      if (error && ready) input.onError(error);
      // Before it is ready, the failure is the caller's to handle.
      if (!ready || lost || closed) return;
      lost = true;
      current = null;
      client.end().catch(() => {});
      timer = setTimeout(retry, input.retryMs ?? 1000);
      timer.unref();
    };
    client.on('notification', (message) => {
      if (message.channel === input.channel) input.onNotify(message.payload ?? '');
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(input.channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    ready = true;
    if (closed) await client.end().catch(() => {});
    else current = client;
  };

  const retry = () => {
    timer = null;
    if (closed) return;
    connect().then(
      () => input.onNotify(null),
      (error: Error) => {
        input.onError(error);
        if (!closed) {
          timer = setTimeout(retry, input.retryMs ?? 1000);
          timer.unref();
        }
      },
    );
  };

  await connect();
  return {
    listening: () => current !== null,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    },
  };
}
