/**
 * The connection pool of one process, from a checked `DATABASE_URL`. node-postgres (`pg`) is the
 * driver: the most used one, with a pool whose clients can hold a transaction and an advisory lock.
 */
import pg from 'pg';
import { checkDatabaseUrl } from './database-url.js';

export interface PostgresPoolOptions {
  /** The raw `DATABASE_URL`; refused with a one-line DatabaseUrlError when it cannot be a database. */
  url: string | undefined;
  /** Connections at most (node-postgres defaults to 10). */
  max?: number;
  /** Reported errors of idle connections (a restarted server); the pool replaces the connection. */
  onIdleError?: (error: Error) => void;
  /** Shown in pg_stat_activity, to tell replicas apart. */
  applicationName?: string;
}

export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: checkDatabaseUrl(options.url),
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'integration-admin-bot',
    connectionTimeoutMillis: 10_000,
  });
  // Without a listener an idle connection's error (server restart, network cut) stops the process.
  pool.on('error', options.onIdleError ?? (() => {}));
  return pool;
}
