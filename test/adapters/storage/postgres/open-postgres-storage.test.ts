import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openPostgresStorage,
  type PostgresStorage,
} from '../../../../src/adapters/storage/postgres/open-postgres-storage.js';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.js';

describe('openPostgresStorage', () => {
  let database: TestDatabase;
  const opened: PostgresStorage[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await database.drop();
  });
  const open = async (configuredSecret: string | null = null) => {
    const storage = await openPostgresStorage({ url: database.url, configuredSecret });
    opened.push(storage);
    return storage;
  };

  it('migrates an empty database and gives every replica the one signing secret the first made', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect(a.signingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.signingSecret).toBe(a.signingSecret);
    expect((await open('a-configured-secret-of-enough-length')).signingSecret).toBe(
      'a-configured-secret-of-enough-length',
    );
  });

  it('refuses to start, saying why, when the database cannot be reached', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    await expect(
      openPostgresStorage({ url: unreachable.toString(), configuredSecret: null }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
