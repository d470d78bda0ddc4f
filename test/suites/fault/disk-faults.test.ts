import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, spawnBot, startScript } from '../support/bot-process.js';
import { ensureBuilt } from '../support/compiled.js';
import { type Loaded, loadDataDirCopy } from '../support/data-dir.js';
import {
  ADMIN,
  ADMIN_CHANNEL,
  type Platforms,
  startPlatforms,
  writeCatalog,
} from '../support/fake-platforms.js';
import { logLines } from '../support/log-lines.js';
import { fillDisk, tmpfsDataDir, unmount } from '../support/tmpfs.js';

/**
 * A failing disk (docs/product.md#safety-and-data): DATA_DIR on a small tmpfs is filled up while the real server runs,
 * then freed; then remounted read-only. Needs root to mount; skipped with the reason otherwise.
 * lowdb only, whatever TEST_STORE says: a full or read-only DATA_DIR, a torn file and the data
 * directory's lock are about files, and on PostgreSQL the bot keeps nothing in DATA_DIR.
 */
const { root, mnt, dataDir, cannotMount } = tmpfsDataDir('suite-disk-', 4);
if (cannotMount) console.log(`disk fault suite skipped: ${cannotMount}`);

let platforms: Platforms;
let env: Record<string, string>;
let holdCards = false;
let bot: BotProcess;
let running: { url: string; exited: Promise<unknown> };
const full = { answers: [] as (string | null)[], health: [] as number[], stderr: '', faults: 0 };
const acknowledged = (answer: string | null) => Boolean(answer && /sent to the admins/.test(answer));
/** The integrations of the requests made while the disk was full, by whether the bot said they were sent. */
const whileFull = (ok: boolean) =>
  full.answers.flatMap((a, i) => (acknowledged(a) === ok ? [`suite-${String(i + 3).padStart(4, '0')}`] : []));
let recovered: string | null = null;
let loaded: Loaded;

const request = (n: number) =>
  platforms.slash(running, {
    user: `UD${n}`,
    text: `request suite-${String(n).padStart(4, '0')} because disk ${n}`,
  });
const copiesOf = (tool: string) =>
  platforms.deliveries.filter((d) => d.key === `card|slack:${ADMIN_CHANNEL}|${tool}`).length;
const attemptsOf = (tool: string) =>
  platforms.slack.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).includes(tool))
    .length;

/** Waits (bounded) for `check`, for the outbox's own timer to act. */
async function until(check: () => boolean, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

async function startServer() {
  bot = spawnBot({ script: startScript(), env, listenTimeoutMs: 120_000 });
  running = { url: await bot.listening, exited: bot.exited };
}

/** Files one request (delivered), queues a second whose card fails once, fills the disk, lets it out. */
async function fillWithANoticeOnItsWay(): Promise<string> {
  expect(
    await platforms.slash(running, { user: ADMIN, text: 'notify here', channel: ADMIN_CHANNEL }),
  ).toBeTruthy();
  expect(await request(1)).toMatch(/sent to the admins/);
  expect(await until(() => copiesOf('Tool0001') === 1, 30)).toBe(true);
  holdCards = true;
  expect(await request(2)).toMatch(/sent to the admins/);
  expect(await until(() => attemptsOf('Tool0002') > 0, 30)).toBe(true);
  const filler = fillDisk(mnt, 8);
  holdCards = false;
  return filler;
}

beforeAll(async () => {
  await ensureBuilt();
  if (cannotMount) return;
  const catalog = writeCatalog(root, 20);
  platforms = await startPlatforms({
    slackFault: (method) => {
      if (!holdCards || method !== 'chat.postMessage') return undefined;
      full.faults += 1;
      return { kind: 'server-error' };
    },
  });
  env = platforms.env(dataDir, catalog.file);
  await startServer();
  const filler = await fillWithANoticeOnItsWay();
  // Appends that fit in a file's last, already allocated page still succeed on a full disk: requests
  // go on (bounded) until three have failed.
  for (let n = 3; n < 13 && whileFull(false).length < 3; n++) {
    full.answers.push(await request(n));
    full.health.push(
      await fetch(`${running.url}/healthz`).then(
        (r) => r.status,
        () => 0,
      ),
    );
  }
  // The card of request 2 comes due while the disk is full; five outbox runs show whether it is re-sent.
  await until(() => copiesOf('Tool0002') > 0, 30);
  await sleep(5_000);
  full.stderr = bot.stderr();
  rmSync(filler);
  recovered = await request(20);
  await until(() => copiesOf('Tool0020') > 0 && copiesOf('Tool0002') > 0, 60);
  await bot.stop();
  loaded = await loadDataDirCopy(dataDir);
}, 300_000);

afterAll(async () => {
  console.log(
    `disk fault suite figures (full disk): requests while full ${full.answers.length} (${whileFull(true).length} saved, answers to the others: ${JSON.stringify(full.answers.filter((a) => !acknowledged(a)).map((a) => a?.slice(0, 160)))}); faults injected ${full.faults} card failures + a full disk; ` +
      `notices delivered ${new Set(platforms?.deliveries.map((d) => d.key)).size}; copies of the card due while full ${platforms ? copiesOf('Tool0002') : 0}; ` +
      `log lines naming the full disk ${logLines(full.stderr).filter((l) => /ENOSPC|no space/i.test(JSON.stringify(l))).length}`,
  );
  await bot?.stop();
  await platforms?.close();
  if (!cannotMount) unmount(mnt);
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(Boolean(cannotMount))('a full DATA_DIR', () => {
  it('answers each command it cannot save clearly, without claiming success, and keeps serving', () => {
    expect(whileFull(false)).toHaveLength(3);
    for (const answer of full.answers.filter((a) => !acknowledged(a)))
      expect(answer ?? '(no answer at all)').toMatch(
        /disk|space|storage|sav(e|ing)|could not|couldn't|try again/i,
      );
    expect(full.health.every((s) => s === 200)).toBe(true);
  });

  it('logs what is wrong, naming the full disk, once rather than once per outbox run', () => {
    const named = logLines(full.stderr).filter((l) => /ENOSPC|no space/i.test(JSON.stringify(l)));
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThanOrEqual(full.answers.length + 2);
  });

  it('does not re-send a notice it cannot record as delivered', () => {
    expect(copiesOf('Tool0002')).toBe(1);
  });

  it('resumes when space is freed, losing and duplicating nothing', () => {
    expect(recovered).toMatch(/sent to the admins/);
    const asked = Object.values(loaded.state.requests)
      .map((r) => r.integrationId)
      .sort();
    expect(asked).toEqual(['suite-0001', 'suite-0002', ...whileFull(true), 'suite-0020'].sort());
    const audited = loaded.audit
      .filter((e) => e.action === 'request-filed')
      .map((e) => e.integrationId)
      .sort();
    expect(audited).toEqual(asked);
    expect(loaded.state.outbox).toEqual([]);
    const tools = asked.map((id) => id.replace('suite-', 'Tool'));
    expect(tools.map(copiesOf)).toEqual(tools.map(() => 1));
  });
});
