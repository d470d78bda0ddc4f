import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { buildCore, type Core } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { tempDataDir } from './helpers.js';

const admin = {
  actor: { id: 'console:admin', name: 'Admin' },
  origin: { conversationId: 'console:admin', kind: 'personal' as const },
};

/** With DATABASE_URL, the bot keeps what it is told in PostgreSQL, not in DATA_DIR, across a restart. */
describe('buildCore with DATABASE_URL', () => {
  let database: TestDatabase;
  const dataDir = join(tempDataDir(), 'never-made');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const open = () =>
    buildCore({
      config: loadConfig({
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ADMINS: 'console:admin',
        PORT: '0',
      }),
      logger: createCaptureLogger(),
    });
  const say = async (core: Core, text: string) =>
    (await core.engine.handleText({ ...admin, text })).views.map(renderText).join('\n');

  it('answers a console command and keeps what it did across a restart, writing nothing under DATA_DIR', async () => {
    const first = await open();
    expect(await say(first, 'group create Sales')).toContain('Group Sales created.');
    // Its delivery worker shares the database's outbox, so it claims targets; a run must go through.
    await first.worker.runOnce();
    const audited = first.deps.audit.lastSeq();
    expect(audited).toBeGreaterThan(0);
    await first.close();

    const second = await open();
    try {
      expect(Object.values(second.deps.store.read().groups).map((g) => g.name)).toEqual(['Sales']);
      expect(await say(second, 'groups')).toMatch(/Sales — 0 member/);
      expect(second.deps.audit.lastSeq()).toBe(audited);
      expect(await say(second, 'group create Sales')).toContain('The group Sales already exists.');
    } finally {
      await second.close();
    }
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(join(dataDir, '..'))).toEqual([]);
  });
});
