import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/compiled.js';
import { type CopyReport, copyReport } from '../support/copies.js';
import { startPlatforms, writeCatalog } from '../support/fake-platforms.js';
import { countFrom, createRandom, seedFrom } from '../support/seeded-random.js';
import { openSuiteStore, type SuiteStore, storeKind } from '../support/store.js';
import { finish, setUp } from './crash-ends.js';
import { type Run, serverCycle, tickCycle } from './crash-run.js';
import { newLedger } from './operations.js';

/**
 * Durability under kill -9 (docs/product.md#safety-and-data): the real server (npm start's script) is killed at random moments while
 * people file requests, admins decide and notices go out to the fake Slack API and Bot Connector;
 * `tick` processes run deadline passes between server runs and are killed too. CRASH_CYCLES sets
 * the number of kills (10 by default, 100 in CI); CRASH_SEED repeats a run's choices. TEST_STORE=postgres
 * runs it all on a fresh PostgreSQL database instead of a data directory (support/store.ts).
 */
const CYCLES = countFrom(process.env.CRASH_CYCLES, 10);
const seed = seedFrom(process.env.CRASH_SEED);
const root = mkdtempSync(join(tmpdir(), 'suite-crash-'));
const kind = storeKind();
let store: SuiteStore | null = null;
let run: Run;
let copies: CopyReport = { notices: 0, excused: 0, duplicates: [] };
let losses: string[] = [];

const problems = (check: string) => run.problems.filter((p) => p.check === check).map((p) => p.detail);

beforeAll(
  async () => {
    await ensureBuilt();
    console.log(
      `crash suite: seed ${seed} (CRASH_SEED=${seed} repeats its choices), ${CYCLES} cycles, on ${kind}`,
    );
    const catalog = writeCatalog(root, CYCLES * 10 + 20);
    const platforms = await startPlatforms();
    store = await openSuiteStore(root, kind);
    run = {
      rng: createRandom(seed),
      seed,
      store,
      env: { ...platforms.env(join(root, 'data'), catalog.file), ...store.env },
      platforms,
      ledger: newLedger(),
      ids: catalog.ids,
      problems: [],
      figures: {
        cycles: 0,
        serverKills: 0,
        killsDuringStart: 0,
        ticks: 0,
        tickKills: 0,
        claimsLeftByKills: 0,
      },
      pendingKill: null,
      startMs: 2000,
      tickIndex: 0,
    };
    await setUp(run);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      if (run.rng.chance(0.12)) await tickCycle(run, cycle);
      if (!(await serverCycle(run, cycle))) break;
      run.figures.cycles = cycle;
      if (cycle % 10 === 0)
        console.log(`crash suite: ${cycle} of ${CYCLES} cycles, ${run.problems.length} problems so far`);
    }
    losses = await finish(run);
    copies = copyReport(platforms.deliveries, platforms.kills);
  },
  CYCLES * 90_000 + 600_000,
);

afterAll(async () => {
  const f = run?.figures;
  const l = run?.ledger;
  console.log(
    `crash suite figures (${kind}): seed ${seed}; cycles ${f?.cycles} of ${CYCLES}; server kills ${f?.serverKills} (${f?.killsDuringStart} while starting); ` +
      `ticks ${f?.ticks} (${f?.tickKills} killed); targets claimed by killed processes at the end ${f?.claimsLeftByKills}; operations ${l?.attempts}; requests acknowledged ${l?.requests.length}; ` +
      `decisions acknowledged ${l?.decisions.length}; notices delivered ${copies.notices}; ` +
      `copies in flight at a kill ${copies.excused}; duplicates ${copies.duplicates.length}; losses ${losses.length}; ` +
      `problems ${run?.problems.length}`,
  );
  await run?.platforms.close();
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe(`kill -9 at random moments (${CYCLES} cycles, ${kind})`, () => {
  it('starts after every kill, and the state and audit history load (no torn file)', () => {
    expect(run.figures.cycles).toBe(CYCLES);
    expect([
      ...problems('server starts'),
      ...problems('state loads'),
      ...problems('tick runs after a kill'),
      ...problems('nothing kept in DATA_DIR'),
    ]).toEqual([]);
  });

  it('keeps every acknowledged request and decision, each with its audit entry', () => {
    expect(run.ledger.requests.length).toBeGreaterThan(0);
    expect([...problems('acknowledged request kept'), ...problems('acknowledged decision kept')]).toEqual([]);
    expect(problems('acknowledged change audited')).toEqual([]);
  });

  it('makes each change and its audit entry durable together', () => {
    expect(problems('change and audit durable together')).toEqual([]);
  });

  it('never tells the platforms of a change it then loses', () => {
    expect(problems('notice reports a kept change')).toEqual([]);
  });

  it('re-sends after a crash at most the notices in flight at that instant', () => {
    expect(copies.notices).toBeGreaterThan(0);
    expect(copies.duplicates).toEqual([]);
  });

  it('delivers every queued notice in the end', () => {
    expect(losses).toEqual([]);
    expect(problems('every queued notice delivered')).toEqual([]);
  });
});
