/** A PostgreSQL database as either end of `copy-data` (copy-sides.ts), migrated first. */
import { CopyRefused } from './copy-refused.js';
import type { ClosableAuditLog, CopySource, CopyTarget, DataLocation } from './copy-sides.js';

async function openPostgres(location: DataLocation & { kind: 'postgres' }, side: 'source' | 'target') {
  // Loaded only when used, as compose.ts does: a copy between directories needs no driver.
  const pg = await import('./postgres/index.js');
  const pool = pg.createPostgresPool({
    url: location.url,
    max: 2,
    applicationName: 'integration-admin-bot copy-data',
  });
  try {
    if (side === 'source' && !(await pg.hasBotTables(pool)))
      throw new CopyRefused(
        'source-missing',
        `--from ${location.shown} holds no bot data (no tables of the bot)`,
      );
    await pg.runMigrations({ pool });
    const store = await pg.createPostgresStore({ pool, listen: false });
    return { pg, pool, store };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

export async function openPostgresSource(location: DataLocation & { kind: 'postgres' }): Promise<CopySource> {
  const { pg, pool, store } = await openPostgres(location, 'source');
  const close = async () => {
    try {
      await store.close();
    } finally {
      await pool.end();
    }
  };
  try {
    const audit = await pg.createPostgresAuditLog({ pool });
    const secret = await pg.readSigningSecret(pool);
    return { store, audit, skippedAuditLines: 0, secret, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function openPostgresTarget(location: DataLocation & { kind: 'postgres' }): Promise<CopyTarget> {
  const { pg, pool, store } = await openPostgres(location, 'target');
  let audit: ClosableAuditLog | null = null;
  return {
    store,
    hasAudit: async () => (await pg.countAuditEntries(pool)) > 0,
    clearAudit: () => pg.clearAuditEntries(pool),
    openAudit: async () => {
      audit = await pg.createPostgresAuditLog({ pool });
      return audit;
    },
    writeSecret: (secret) => pg.writeSigningSecret(pool, secret),
    close: async () => {
      try {
        await audit?.close();
        await store.close();
      } finally {
        await pool.end();
      }
    },
  };
}
