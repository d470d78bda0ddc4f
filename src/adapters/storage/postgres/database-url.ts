/**
 * Groundwork for the PostgreSQL store: nothing in compose.ts uses this module yet.
 *
 * `DATABASE_URL` checked before any connection is tried, so a typo is one clear line at start-up
 * instead of a driver error later. The message names the part that is wrong and shows the URL
 * with its password replaced by `***`, so logs never carry the secret.
 */

export class DatabaseUrlError extends Error {
  readonly code = 'bad-database-url';
}

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** The URL with any password replaced by `***`, for messages; unparseable input is not echoed at all. */
export function redactDatabaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  if (url.password) url.password = '***';
  return url.toString();
}

/** Returns the URL when it can name a PostgreSQL database; throws DatabaseUrlError otherwise. */
export function checkDatabaseUrl(raw: string | undefined): string {
  const fail = (why: string, shown?: string): never => {
    throw new DatabaseUrlError(`DATABASE_URL ${why}${shown ? ` (got ${shown})` : ''}`);
  };
  if (raw === undefined || raw.trim() === '') return fail('is empty; set it to postgres://user@host:5432/db');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // The raw text may hold a password the URL parser could not place: show none of it.
    return fail('is not a URL; expected postgres://user:password@host:5432/db');
  }
  const shown = redactDatabaseUrl(raw.trim());
  if (!PROTOCOLS.has(url.protocol)) return fail('must start with postgres:// or postgresql://', shown);
  if (!url.hostname) return fail('names no host', shown);
  if (url.port && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) return fail('has a bad port', shown);
  if (!/^\/[^/]+$/.test(url.pathname)) return fail('names no database (postgres://host/db)', shown);
  return raw.trim();
}
