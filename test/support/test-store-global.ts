/**
 * Global setup of the `postgres` test project (vitest.config.ts): one PostgreSQL server for the
 * whole run (TEST_DATABASE_URL when set, else an embedded one started here, in vitest's main
 * process, so test files do not each start their own) and one migrated template database, which
 * every store of the run is a fresh copy of (test/support/test-store.ts).
 */
import type { TestProject } from 'vitest/node';
import { createPostgresPool, runMigrations } from '../../src/adapters/storage/postgres/index.js';
import { createDatabase, harnessTimings, serverOf, stopServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The maintenance-database URL of the run's PostgreSQL server. */
    testStoreAdminUrl: string;
    /** The migrated database each test store is copied from. */
    testStoreTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const { adminUrl } = await serverOf({ externalUrl: process.env.TEST_DATABASE_URL });
  const template = await createDatabase({ externalUrl: adminUrl, prefix: 'iab_template' });
  const pool = createPostgresPool({ url: template.url, max: 1 });
  try {
    await runMigrations({ pool });
  } finally {
    await pool.end();
  }
  project.provide('testStoreAdminUrl', adminUrl);
  project.provide('testStoreTemplate', template.name);
  if (harnessTimings.serverStartMs !== null)
    console.log(
      `postgres project: embedded server started in ${Math.round(harnessTimings.serverStartMs)} ms`,
    );
  return async () => {
    try {
      await template.drop();
    } finally {
      await stopServer();
    }
  };
}
