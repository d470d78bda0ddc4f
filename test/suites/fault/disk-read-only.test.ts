import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, startScript } from '../support/bot-process.js';
import { ensureBuilt } from '../support/compiled.js';
import { type Loaded, loadDataDirCopy } from '../support/data-dir.js';
import {
  ADMIN,
  ADMIN_CHANNEL,
  type Platforms,
  startPlatforms,
  writeCatalog,
} from '../support/fake-platforms.js';
import { remount, tmpfsDataDir, unmount } from '../support/tmpfs.js';

/**
 * A read-only DATA_DIR (a tmpfs remounted read-only; docs/product.md#safety-and-data). Linux refuses to remount a file
 * system read-only while a process has files on it open for writing, and the server keeps its journal
 * and audit history open, so the remount happens while it is stopped: the next start must fail
 * with one clear line, and once the disk is writable again, start with everything kept.
 * lowdb only, whatever TEST_STORE says: on PostgreSQL nothing the bot keeps is in DATA_DIR (the
 * database server's own disk is not the bot's to fail), so there is no file to make read-only.
 */
const { root, mnt, dataDir, cannotMount } = tmpfsDataDir('suite-ro-', 4);
if (cannotMount) console.log(`read-only disk suite skipped: ${cannotMount}`);

let platforms: Platforms;
let env: Record<string, string>;
let liveRemount: string | null = null;
let readOnlyStart = { code: null as number | null, stderr: '', listened: false };
const answers: (string | null)[] = [];
let loaded: Loaded;

/** Runs the server once: `work` with it listening, then a clean stop. */
async function withServer(work: (running: { url: string; exited: Promise<unknown> }) => Promise<void>) {
  const bot = spawnBot({ script: startScript(), env, listenTimeoutMs: 120_000 });
  try {
    await work({ url: await bot.listening, exited: bot.exited });
  } finally {
    await bot.stop();
  }
}

const request = (running: { url: string; exited: Promise<unknown> }, n: number) =>
  platforms.slash(running, { user: `UR${n}`, text: `request suite-000${n} because read-only ${n}` });

beforeAll(async () => {
  await ensureBuilt();
  if (cannotMount) return;
  const catalog = writeCatalog(root, 5);
  platforms = await startPlatforms();
  env = platforms.env(dataDir, catalog.file);
  await withServer(async (running) => {
    await platforms.slash(running, { user: ADMIN, text: 'notify here', channel: ADMIN_CHANNEL });
    answers.push(await request(running, 1));
    liveRemount = remount(mnt, 'ro');
    if (!liveRemount) remount(mnt, 'rw');
  });
  expect(remount(mnt, 'ro')).toBeNull();
  const bot = spawnBot({ script: startScript(), env, listenTimeoutMs: 60_000 });
  readOnlyStart.listened = await bot.listening.then(
    () => true,
    () => false,
  );
  if (readOnlyStart.listened) await bot.kill();
  readOnlyStart = { ...readOnlyStart, code: (await bot.exited).code, stderr: bot.stderr() };
  expect(remount(mnt, 'rw')).toBeNull();
  await withServer(async (running) => {
    answers.push(await request(running, 2));
    for (let i = 0; i < 300 && platforms.deliveries.length < 2; i++) await sleep(100);
  });
  loaded = await loadDataDirCopy(dataDir);
}, 300_000);

afterAll(async () => {
  console.log(
    `read-only disk suite figures: live read-only remount ${liveRemount ? `refused (${liveRemount.split('\n')[0]})` : 'done'}; ` +
      `start on read-only exited ${readOnlyStart.code}; requests acknowledged ${answers.filter((a) => a && /sent to the admins/.test(a)).length}; ` +
      `notices delivered ${platforms?.deliveries.length ?? 0}`,
  );
  await platforms?.close();
  if (!cannotMount) {
    remount(mnt, 'rw');
    unmount(mnt);
  }
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(Boolean(cannotMount))('a read-only DATA_DIR', () => {
  it('refuses to start with one clear line naming the read-only directory', () => {
    expect(readOnlyStart.listened).toBe(false);
    expect(readOnlyStart.code).not.toBe(0);
    const lines = readOnlyStart.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.at(-1)).toMatch(/read-only|EROFS/i);
    expect(lines.at(-1)).toContain(dataDir);
  });

  it('starts again once the disk is writable, with everything it had acknowledged', () => {
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(a).toMatch(/sent to the admins/);
    const asked = Object.values(loaded.state.requests)
      .map((r) => r.integrationId)
      .sort();
    expect(asked).toEqual(['suite-0001', 'suite-0002']);
    expect(loaded.audit.filter((e) => e.action === 'request-filed')).toHaveLength(2);
    expect(loaded.state.outbox).toEqual([]);
    expect(platforms.deliveries.map((d) => d.key).sort()).toEqual([
      `card|slack:${ADMIN_CHANNEL}|Tool0001`,
      `card|slack:${ADMIN_CHANNEL}|Tool0002`,
    ]);
  });
});
