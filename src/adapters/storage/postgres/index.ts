/**
 * Groundwork for the PostgreSQL store (docs/ARCHITECTURE.md, "A store"): pool, migrations and their runner. Not wired in
 * compose.ts and not a Store yet; the embedded lowdb store remains the only one.
 */
export { createPostgresPool, type PostgresPoolOptions } from './create-pool.js';
export { checkDatabaseUrl, DatabaseUrlError, redactDatabaseUrl } from './database-url.js';
export { MigrationError, type MigrationReport, runMigrations } from './migrate.js';
export { loadMigrations, MIGRATIONS_DIR, type Migration } from './migrations.js';
