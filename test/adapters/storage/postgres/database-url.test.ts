import { describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/adapters/storage/postgres/create-pool.js';
import {
  checkDatabaseUrl,
  DatabaseUrlError,
  redactDatabaseUrl,
} from '../../../../src/adapters/storage/postgres/database-url.js';

const SECRET = 's3cr3t-Pa55';

describe('checkDatabaseUrl', () => {
  it('accepts postgres:// and postgresql:// URLs naming a host and a database', () => {
    expect(checkDatabaseUrl(`postgres://bot:${SECRET}@db.internal:5432/bot`)).toBe(
      `postgres://bot:${SECRET}@db.internal:5432/bot`,
    );
    expect(checkDatabaseUrl(' postgresql://localhost/bot ')).toBe('postgresql://localhost/bot');
    expect(checkDatabaseUrl('postgres:///bot?host=/var/run/postgresql')).toBe(
      'postgres:///bot?host=/var/run/postgresql',
    );
  });

  it.each([
    ['', 'DATABASE_URL is empty; set it to postgres://user@host:5432/db'],
    [undefined, 'DATABASE_URL is empty; set it to postgres://user@host:5432/db'],
    [`bot:${SECRET}@db/bot`, 'DATABASE_URL is not a URL; expected postgres://user:password@host:5432/db'],
    [
      `mysql://bot:${SECRET}@db/bot`,
      'DATABASE_URL must start with postgres:// or postgresql:// (got mysql://…)',
    ],
    [
      `postgres://bot:${SECRET}@db:99999/bot`,
      'DATABASE_URL is not a URL; expected postgres://user:password@host:5432/db',
    ],
    [
      `postgres://bot:${SECRET}@db:5432/`,
      'DATABASE_URL names no database (postgres://host/db) (got host db)',
    ],
    [`postgres://bot:${SECRET}@db/a/b`, 'DATABASE_URL names no database (postgres://host/db) (got host db)'],
    // a `/` left unencoded in the password: port and path would show part of it
    [
      `postgres://bot:123/${SECRET}@db/bot`,
      'DATABASE_URL names no database (postgres://host/db) (got host bot)',
    ],
    ['postgres:///bot', 'DATABASE_URL names no host (postgres://host/db)'],
  ])('refuses %j with one line that never shows the password', (raw, message) => {
    let error: unknown;
    try {
      checkDatabaseUrl(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('refuses before any connection is tried when a pool is made from a bad URL', () => {
    expect(() => createPostgresPool({ url: `http://bot:${SECRET}@db/bot` })).toThrow(
      'DATABASE_URL must start with postgres:// or postgresql:// (got http://…)',
    );
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactDatabaseUrl(`postgres://bot:${SECRET}@db:5432/bot?sslmode=require`)).toBe(
      'postgres://bot:***@db:5432/bot?sslmode=require',
    );
  });

  it('shows nothing of text that is not a URL', () => {
    expect(redactDatabaseUrl(`bot:${SECRET}`)).toBe('(not a URL)');
  });
});
