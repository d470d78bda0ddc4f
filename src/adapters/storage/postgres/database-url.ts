/**
 * `DATABASE_URL` checked before any connection is tried, so a typo is one clear line at start-up
 * instead of a driver error later. The message names the part that is wrong and shows at most the
 * scheme or the host, so logs never carry the password.
 */

export class DatabaseUrlError extends Error {
  readonly code = 'bad-database-url';
}

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The URL for messages, with any password replaced by `***`. Only a postgres:// URL is shown:
 * other text may be a URL by accident (`user:secret@host` parses as one with scheme `user:`),
 * so of it only the scheme, or nothing, is shown.
 */
export function redactDatabaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  if (!SCHEME.test(raw)) return '(not a URL)';
  if (!PROTOCOLS.has(url.protocol)) return `${url.protocol}//…`;
  if (url.password) url.password = '***';
  return url.toString();
}

/** Returns the URL when it can name a PostgreSQL database; throws DatabaseUrlError otherwise. */
export function checkDatabaseUrl(raw: string | undefined): string {
  const fail = (why: string, shown?: string): never => {
    throw new DatabaseUrlError(`DATABASE_URL ${why}${shown ? ` (got ${shown})` : ''}`);
  };
  if (raw === undefined || raw.trim() === '') return fail('is empty; set it to postgres://user@host:5432/db');
  const notUrl = 'is not a URL; expected postgres://user:password@host:5432/db';
  // Text that is not scheme://… may still parse (`user:secret@host` has the scheme `user:`), and
  // may hold a password the parser could not place: none of it is shown.
  if (!SCHEME.test(raw.trim())) return fail(notUrl);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(notUrl);
  }
  if (!PROTOCOLS.has(url.protocol))
    return fail('must start with postgres:// or postgresql://', `${url.protocol}//…`);
  // A Unix socket is named by `?host=/var/run/postgresql` (node-postgres' connection strings).
  if (!url.hostname && !url.searchParams.get('host')) return fail('names no host (postgres://host/db)');
  // Only the host is shown: in a malformed URL (a `/` left unencoded in the password) the port
  // and path may hold part of the password.
  if (!/^\/[^/]+$/.test(url.pathname))
    return fail('names no database (postgres://host/db)', `host ${url.hostname}`);
  return raw.trim();
}
