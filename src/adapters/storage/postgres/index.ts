/**
 * The PostgreSQL storage (`DATABASE_URL`, docs/SPEC §12): pool, migrations, the Store and the
 * AuditLog on tables, opened together by openPostgresStorage.
 */

export {
  clearAuditEntries,
  countAuditEntries,
  hasBotTables,
  readSigningSecret,
  writeSigningSecret,
} from './copy-support.js';
export { createPostgresPool, type PostgresPoolOptions } from './create-pool.js';
export { checkDatabaseUrl, DatabaseUrlError, redactDatabaseUrl } from './database-url.js';
export { MigrationError, type MigrationReport, runMigrations } from './migrate.js';
export { loadMigrations, MIGRATIONS_DIR, type Migration } from './migrations.js';
export { openPostgresStorage, type PostgresStorage } from './open-postgres-storage.js';
export { createPostgresAuditLog, type PostgresAuditLog } from './postgres-audit-log.js';
export { CHANGES_CHANNEL, createPostgresStore, type PostgresStore } from './postgres-store.js';
