/**
 * docs/performance.md: the review-deadline fan-out to 1,000 admin channels (500 Slack, 500 Teams), measured
 * from outside. The channels are registered with `notify here` through the public surface (signed
 * slash commands, Bot Framework activities to the real server); each pass is a real
 * `node dist/bin/tick.js --at <ISO>` process (what `npm run tick` runs), timed from spawn to exit,
 * against fakes that enforce the platforms' per-conversation limits (429 with Retry-After). Beside
 * it, a bare Slack WebClient and a bare ConnectorClient post the very cards the pass delivered,
 * under the same limits (`bare/deadline-sender.mjs`, also its own process).
 *
 * Passes: one card per channel (the attention card, each reminder, the final card: five passes on
 * one data directory), and three cards per channel at once after downtime (attention, reminder and
 * final, each round on a fresh copy of the registered directory). Verdicts: the stacked pass within
 * 1.2× of the floor the limits allow; the one-card pass within 1.2× of the bare clients; no card
 * sent twice, none missed.
 *
 * `--store=postgres --replicas=2`: the same world on PostgreSQL (bench/lib/store.ts: a fresh
 * database on the benchmark's own server, copies made with CREATE DATABASE … TEMPLATE), and each
 * pass is two `tick` processes on that one database spawned at once, as two replicas running the
 * pass at the same time: timed from their spawn until both exited, duplicates and misses counted
 * over what both delivered.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { slashCommand } from '../test/adapters/slack/payloads.js';
import { messageActivity } from '../test/adapters/teams/activities.js';
import { slackNow, slackSignature } from '../test/fakes/slack-signing.js';
import type { TestDatabase } from '../test/support/postgres-server.js';
import { teamsPerson } from './channels/support/payloads.js';
import { SLACK_SECRET, SLACK_TOKEN } from './channels/support/protocol.js';
import { createVerdicts, machineLoad, summarize, table } from './channels/support/report.js';
import {
  type Delivered,
  type LimitedPlatforms,
  SLACK_LIMITS,
  startLimitedPlatforms,
} from './lib/limited-platforms.js';
import { startServer } from './lib/server-process.js';
import { type BenchDatabases, benchStore, openBenchDatabases } from './lib/store.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICK = join(ROOT, 'dist', 'bin', 'tick.js');
const BARE = join(ROOT, 'bench', 'bare', 'deadline-sender.mjs');
/** Preloaded into both sides' processes: each reports the CPU time it used (report-cpu.cjs). */
const REPORT_CPU = ['-r', join(ROOT, 'bench', 'lib', 'report-cpu.cjs')];
/** `BENCH_PROFILE=<dir>`: each tick process writes a V8 CPU profile there. */
const PROFILE = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
/** `BENCH_TICK_FLAGS="--flag …"`: Node flags for the tick processes, to try V8 or Node options. */
const EXTRA = process.env.BENCH_TICK_FLAGS ? process.env.BENCH_TICK_FLAGS.split(' ') : [];
const CHANNELS = Number(process.env.BENCH_DEADLINE_CHANNELS ?? 1_000);
const BUDGET = 1.2;
const PASS_TIMEOUT_MS = 120_000;
const STORE = benchStore();
/** Fewer passes on PostgreSQL (each is two tick processes), to keep `npm run bench` near ten minutes. */
const STACKED_ROUNDS = STORE.kind === 'lowdb' ? 3 : 2;

/** Where the world lives: a data directory, and on PostgreSQL a database (the directory then unused). */
interface Place {
  dataDir: string;
  database: TestDatabase | null;
}
const storeEnv = (place: Place): Record<string, string> =>
  place.database ? { DATABASE_URL: place.database.url } : {};

/** A copy of `from`: the directory copied, or a new database from it as a template. */
async function copyPlace(databases: BenchDatabases | null, from: Place, dataDir: string): Promise<Place> {
  if (!from.database || !databases) {
    cpSync(from.dataDir, dataDir, { recursive: true });
    return { dataDir, database: null };
  }
  mkdirSync(dataDir, { recursive: true });
  return { dataDir, database: await databases.create(from.database) };
}

const SLACK_ADMIN = 'UADMIN';
const TEAMS_ADMIN = teamsPerson('deadline-admin');
const ADMINS = `slack:${SLACK_ADMIN},teams:${TEAMS_ADMIN.aadObjectId}`;

/** Three integrations whose review dates put one card at a time on `charlie`'s timeline, and three at once at STACKED_AT. */
const REVIEWS = {
  alpha: { state: 'failed', disableAt: '2027-06-01T08:00:00Z', deadline: '2027-09-01T00:00:00Z' },
  bravo: { state: 'pending', disableAt: '2027-06-03T00:00:00Z', deadline: '2027-06-05T00:00:00Z' },
  charlie: { state: 'failed', disableAt: '2027-04-01T00:00:00Z', deadline: '2027-06-01T08:00:00Z' },
} as const;
/** Charlie alone: auto-disabled (attention), the 30-, 7- and 1-day reminders, disabled for good (final). */
const ONE_CARD_PASSES = [
  ['attention', '2027-04-01T09:00:00Z'],
  ['reminder 30 days', '2027-05-02T09:00:00Z'],
  ['reminder 7 days', '2027-05-26T09:00:00Z'],
  ['reminder 1 day', '2027-05-31T09:00:00Z'],
  ['final', '2027-06-01T09:00:00Z'],
] as const;
/** All three, first pass after downtime: alpha's attention card, bravo's reminder, charlie's final card. */
const STACKED_AT = '2027-06-01T09:00:00Z';

const slackChannel = (i: number) => `C${String(i).padStart(7, '0')}`;
const teamsChannel = (i: number) => `19:bench${i}@thread.tacv2`;

function writeCatalog(dir: string): string {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'catalog', 'integrations.json'), 'utf8')) as {
    integrations: Record<string, unknown>[];
  };
  const template = catalog.integrations.find((e) => e.id === 'surveymonkey') as Record<string, unknown>;
  for (const [id, review] of Object.entries(REVIEWS))
    catalog.integrations.push({
      ...template,
      id,
      name: `${id[0]?.toUpperCase()}${id.slice(1)}`,
      vendor: 'Bench',
      linkHosts: [`${id}.example`],
      aliases: [],
      review,
    });
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

async function slash(
  url: string,
  input: { channel: string; text: string; responseUrl: string },
): Promise<string> {
  const form = slashCommand({ user: SLACK_ADMIN, channelName: `admins-${input.channel}`, ...input });
  const body = new URLSearchParams(form).toString();
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...slackSignature({ secret: SLACK_SECRET, body, timestamp: slackNow() }),
    },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`slash command "${input.text}" answered ${res.status}: ${text}`);
  return text;
}

async function teamsNotifyHere(url: string, serviceUrl: string, conversation: string): Promise<void> {
  const activity = messageActivity({ serviceUrl, from: TEAMS_ADMIN, scope: 'channel', text: 'notify here' });
  const message = {
    ...activity,
    conversation: { ...activity.conversation, id: `${conversation};messageid=1700000000000` },
    channelData: {
      ...activity.channelData,
      channel: { id: conversation, name: `admins ${conversation}` },
      teamsChannelId: conversation,
    },
  };
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`Teams "notify here" answered ${res.status}`);
}

const serverEnv = (catalogFile: string, place: Place) => ({
  CATALOG_FILE: catalogFile,
  TIMEZONE: 'Europe/Paris',
  ...storeEnv(place),
});

/** Registers every admin channel through the server, on a fresh data directory. */
async function register(input: { platforms: LimitedPlatforms; place: Place; catalogFile: string }) {
  const server = await startServer({
    side: 'ours',
    slackApiUrl: input.platforms.slackApiUrl,
    dataDir: input.place.dataDir,
    admins: ADMINS,
    env: serverEnv(input.catalogFile, input.place),
  });
  const started = performance.now();
  try {
    const half = CHANNELS / 2;
    await pool(16, [
      ...Array.from(
        { length: half },
        (_, i) => () =>
          slash(server.url, {
            channel: slackChannel(i),
            text: 'notify here',
            responseUrl: `${input.platforms.slackApiUrl.replace(/api\/$/, '')}response/${i}`,
          }).then(() => undefined),
      ),
      ...Array.from(
        { length: half },
        (_, i) => () => teamsNotifyHere(server.url, input.platforms.serviceUrl, teamsChannel(i)),
      ),
    ]);
  } finally {
    await server.stop();
  }
  return performance.now() - started;
}

/** Enables integrations for everyone, as the Slack admin. */
async function enable(input: {
  platforms: LimitedPlatforms;
  place: Place;
  catalogFile: string;
  ids: string[];
}) {
  const server = await startServer({
    side: 'ours',
    slackApiUrl: input.platforms.slackApiUrl,
    dataDir: input.place.dataDir,
    admins: ADMINS,
    env: serverEnv(input.catalogFile, input.place),
  });
  try {
    for (const id of input.ids) {
      const answer = await slash(server.url, {
        channel: slackChannel(0),
        text: `enable ${id} for all`,
        responseUrl: `${input.platforms.slackApiUrl.replace(/api\/$/, '')}response/enable-${id}`,
      });
      if (!/enabled/i.test(answer)) process.stdout.write(`  ! enable ${id}: ${answer.slice(0, 300)}\n`);
    }
  } finally {
    await server.stop();
  }
}

interface Timed {
  ms: number;
  /** CPU time the processes used, every thread, summed over them. */
  cpuMs: number;
  firstCardMs: number | null;
  code: number | null;
  stdout: string;
}

/**
 * Spawns `count` copies of a process at once (1 unless given), timed from spawn until the last
 * exited; the first card is timed from the same spawn.
 */
async function timedProcess(input: {
  args: string[];
  env: Record<string, string>;
  platforms: LimitedPlatforms;
  count?: number;
}): Promise<Timed> {
  input.platforms.reset();
  const started = performance.now();
  const runs = Array.from({ length: input.count ?? 1 }, async () => {
    const child: ChildProcess = spawn(process.execPath, [...REPORT_CPU, ...input.args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...input.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PASS_TIMEOUT_MS);
    // 'close', not 'exit': the CPU line is the last thing on stderr.
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    clearTimeout(timer);
    // tick exits 2 when notices were given up or still wait (not those the other one holds and sends).
    if (code !== 0)
      process.stdout.write(
        `  ! ${input.args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}${/^Done: .*$/m.exec(stdout)?.[0] ?? ''}\n`,
      );
    const cpuMs = Number(/^cpu-ms (\d+)$/m.exec(stderr)?.[1] ?? Number.NaN);
    return { code, stdout, cpuMs };
  });
  const ended = await Promise.all(runs);
  const ms = performance.now() - started;
  const code = ended.find((e) => e.code !== 0)?.code ?? 0;
  const stdout = ended.map((e) => e.stdout).join('');
  const first = input.platforms.delivered.reduce((m, d) => Math.min(m, d.at), Number.POSITIVE_INFINITY);
  const cpuMs = ended.reduce((sum, e) => sum + e.cpuMs, 0);
  return { ms, cpuMs, firstCardMs: Number.isFinite(first) ? first - started : null, code, stdout };
}

function tickEnv(input: { platforms: LimitedPlatforms; place: Place; catalogFile: string }) {
  return {
    DATA_DIR: input.place.dataDir,
    ...storeEnv(input.place),
    CATALOG_FILE: input.catalogFile,
    ADMINS,
    TIMEZONE: 'Europe/Paris',
    PUBLIC_URL: 'https://bot.bench.local',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_API_URL: input.platforms.slackApiUrl,
    STATE_SECRET: 'bench-state-secret-0123456789',
    // The passes measure the deadline cards alone. The bench's clock jumps days between passes; with
    // the weekly digest on, a pass after a missed Monday would also send that week's digest, a
    // second card per channel that is not part of the deadline fan-out.
    DIGEST: 'off',
  };
}

interface Tally {
  cards: number;
  rejected: number;
  duplicates: number;
  missed: number;
  /** Different cards beyond those expected (a card of another pass). */
  extra: number;
  /** Every platform call, by method: updates of earlier cards show here. */
  calls: string;
}

/** Cards per conversation against `perChannel` expected in each of the CHANNELS conversations. */
function tally(platforms: LimitedPlatforms, perChannel: number): Tally {
  const byConversation = new Map<string, Delivered[]>();
  for (const d of platforms.delivered)
    byConversation.set(d.conversation, [...(byConversation.get(d.conversation) ?? []), d]);
  let duplicates = 0;
  let missed = 0;
  let extra = 0;
  const expected = [
    ...Array.from({ length: CHANNELS / 2 }, (_, i) => slackChannel(i)),
    ...Array.from({ length: CHANNELS / 2 }, (_, i) => teamsChannel(i)),
  ];
  for (const conversation of expected) {
    const cards = byConversation.get(conversation) ?? [];
    const distinct = new Set(cards.map((c) => c.digest)).size;
    duplicates += cards.length - distinct;
    missed += Math.max(0, perChannel - distinct);
    extra += Math.max(0, distinct - perChannel);
  }
  extra += [...byConversation.keys()].filter((c) => !expected.includes(c)).length;
  return {
    cards: platforms.delivered.length,
    rejected: platforms.rejected.slack + platforms.rejected.teams,
    duplicates,
    missed,
    extra,
    calls: Object.entries(platforms.calls)
      .map(([method, n]) => `${method} ${n}`)
      .join(', '),
  };
}

/** The cards a pass delivered, as a job for the bare clients: same conversations, same bodies, same order. */
function bareJob(platforms: LimitedPlatforms, file: string): void {
  const slack = new Map<string, Record<string, unknown>[]>();
  const teams = new Map<string, Record<string, unknown>[]>();
  for (const d of platforms.delivered) {
    const into = d.platform === 'slack' ? slack : teams;
    const { channel: _c, token: _t, ...body } = d.body;
    into.set(d.conversation, [...(into.get(d.conversation) ?? []), d.platform === 'slack' ? body : d.body]);
  }
  writeFileSync(
    file,
    JSON.stringify({
      slackApiUrl: platforms.slackApiUrl,
      token: SLACK_TOKEN,
      slack: [...slack].map(([channel, posts]) => ({ channel, posts })),
      teams: [...teams].map(([conversationId, posts]) => ({
        serviceUrl: platforms.serviceUrl,
        conversationId,
        posts,
      })),
    }),
  );
}

interface Row {
  pass: string;
  side: 'ours' | 'bare';
  timed: Timed;
  tally: Tally;
}

async function runPass(input: {
  label: string;
  at: string;
  perChannel: number;
  platforms: LimitedPlatforms;
  place: Place;
  catalogFile: string;
  work: string;
}): Promise<Row[]> {
  const ours = await timedProcess({
    args: [...PROFILE, ...EXTRA, TICK, '--at', input.at],
    env: tickEnv(input),
    platforms: input.platforms,
    count: STORE.replicas,
  });
  const oursTally = tally(input.platforms, input.perChannel);
  const job = join(input.work, 'bare-job.json');
  bareJob(input.platforms, job);
  const bare = await timedProcess({ args: [BARE, job], env: {}, platforms: input.platforms });
  const bareTally = tally(input.platforms, input.perChannel);
  return [
    { pass: input.label, side: 'ours', timed: ours, tally: oursTally },
    { pass: input.label, side: 'bare', timed: bare, tally: bareTally },
  ];
}

/** The fastest any schedule can deliver `n` cards to one conversation under `limits`, all due at 0. */
function floorMs(n: number, limits: readonly { count: number; perMs: number }[]): number {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const { count, perMs } of limits) {
      const before = at[i - count];
      if (before !== undefined) t = Math.max(t, before + perMs);
    }
    at.push(t);
  }
  return at.at(-1) ?? 0;
}

async function main(): Promise<void> {
  if (!existsSync(TICK)) throw new Error(`${TICK} is missing: npm run build`);
  console.log(`machine at start: ${machineLoad()}`);
  const work = mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'bench-deadline-'));
  const platforms = await startLimitedPlatforms();
  const databases = STORE.kind === 'postgres' ? await openBenchDatabases() : null;
  const rows: Row[] = [];
  try {
    const catalogFile = writeCatalog(work);
    const registered: Place = {
      dataDir: join(work, 'registered'),
      database: (await databases?.create()) ?? null,
    };
    const registerMs = await register({ platforms, place: registered, catalogFile });
    console.log(
      `registered ${CHANNELS} admin channels with "notify here" in ${(registerMs / 1000).toFixed(1)} s`,
    );

    const oneCard = await copyPlace(databases, registered, join(work, 'one-card'));
    await enable({ platforms, place: oneCard, catalogFile, ids: ['charlie'] });
    const stackedBase = await copyPlace(databases, registered, join(work, 'stacked-base'));
    await enable({ platforms, place: stackedBase, catalogFile, ids: ['alpha', 'bravo', 'charlie'] });

    // On PostgreSQL, the first three (attention, 30- and 7-day reminders): the timeline in order, shorter.
    const oneCardPasses = STORE.kind === 'lowdb' ? ONE_CARD_PASSES : ONE_CARD_PASSES.slice(0, 3);
    for (const [label, at] of oneCardPasses)
      rows.push(
        ...(await runPass({ label, at, perChannel: 1, platforms, place: oneCard, catalogFile, work })),
      );
    for (let round = 0; round < STACKED_ROUNDS; round++) {
      const place = await copyPlace(databases, stackedBase, join(work, `stacked-${round}`));
      rows.push(
        ...(await runPass({
          label: `stacked #${round + 1}`,
          at: STACKED_AT,
          perChannel: 3,
          platforms,
          place,
          catalogFile,
          work,
        })),
      );
    }
  } finally {
    await platforms.close();
    await databases?.dropAll();
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }

  const ms = (v: number | null) => (v === null ? '–' : v.toFixed(0));
  const ticks = STORE.replicas > 1 ? ` (${STORE.replicas} tick processes at once on one database)` : '';
  console.log(
    `\nDeadline passes for ${CHANNELS} admin channels (${CHANNELS / 2} Slack, ${CHANNELS / 2} Teams), spawn → exit${STORE.tag ? `; ours ${STORE.tag}${ticks}` : ''}`,
  );
  console.log(
    table(
      [
        'pass',
        'side',
        'ms',
        'cpu ms',
        'first card ms',
        'cards',
        '429s',
        'duplicates',
        'missed',
        'extra',
        'calls',
      ],
      rows.map((r) => [
        r.pass,
        r.side === 'ours' && STORE.tag ? `ours ${STORE.tag}` : r.side,
        ms(r.timed.ms),
        ms(r.timed.cpuMs),
        ms(r.timed.firstCardMs),
        r.tally.cards,
        r.tally.rejected,
        r.tally.duplicates,
        r.tally.missed,
        r.tally.extra,
        r.tally.calls,
      ]),
      0,
    ),
  );
  const pick = (side: 'ours' | 'bare', stacked: boolean) =>
    rows.filter((r) => r.side === side && r.pass.startsWith('stacked') === stacked);
  const median = (list: Row[]) => summarize(list.map((r) => r.timed.ms)).p50;
  const medianCpu = (list: Row[]) => summarize(list.map((r) => r.timed.cpuMs)).p50;
  const oneOurs = median(pick('ours', false));
  const oneBare = median(pick('bare', false));
  const stackedOurs = median(pick('ours', true));
  const stackedBare = median(pick('bare', true));
  const floor = floorMs(3, SLACK_LIMITS);
  const ours = rows.filter((r) => r.side === 'ours');
  const duplicates = ours.reduce((n, r) => n + r.tally.duplicates, 0);
  const missed = ours.reduce((n, r) => n + r.tally.missed, 0);
  const cards = ours.reduce((n, r) => n + r.tally.cards, 0);
  const rejected = ours.reduce((n, r) => n + r.tally.rejected, 0);
  const firstCards = ours.map((r) => r.timed.firstCardMs ?? Number.NaN);
  console.log(
    `\none-card pass (median of ${pick('ours', false).length}): ours ${oneOurs.toFixed(0)} ms, bare ${oneBare.toFixed(0)} ms, ${(oneOurs / oneBare).toFixed(2)}×; the limits allow about one round trip`,
  );
  console.log(
    `stacked pass, 3 cards per channel (median of ${STACKED_ROUNDS}): ours ${stackedOurs.toFixed(0)} ms, bare ${stackedBare.toFixed(0)} ms; floor the limits allow ${floor} ms (+ a round trip), ours ${(stackedOurs / floor).toFixed(2)}× the floor`,
  );
  console.log(
    `CPU time (median, every thread): one-card ours ${medianCpu(pick('ours', false)).toFixed(0)} ms, bare ${medianCpu(pick('bare', false)).toFixed(0)} ms; stacked ours ${medianCpu(pick('ours', true)).toFixed(0)} ms, bare ${medianCpu(pick('bare', true)).toFixed(0)} ms`,
  );
  console.log(
    `ours, every pass: ${cards} cards, ${rejected} × 429, ${duplicates} duplicates, ${missed} missed; first card after ${firstCards.map((v) => v.toFixed(0)).join(', ')} ms`,
  );
  console.log(`machine at end: ${machineLoad()}`);

  const verdicts = createVerdicts('deadline-pass');
  verdicts.check({
    budget: `deadline pass${ticks}, 3 cards to each of ${CHANNELS} channels, spawn → exit ≤ ${BUDGET}× the floor the limits allow`,
    pass: stackedOurs <= BUDGET * floor,
    measured: `${(stackedOurs / floor).toFixed(2)}×`,
    ours: `${stackedOurs.toFixed(0)} ms`,
    bare: `${floor} ms (floor); bare clients ${stackedBare.toFixed(0)} ms`,
  });
  verdicts.check({
    budget: `deadline pass${ticks}, 1 card to each of ${CHANNELS} channels, spawn → exit ≤ ${BUDGET}× bare clients`,
    pass: oneOurs <= BUDGET * oneBare,
    measured: `${(oneOurs / oneBare).toFixed(2)}×`,
    ours: `${oneOurs.toFixed(0)} ms`,
    bare: `${oneBare.toFixed(0)} ms`,
  });
  verdicts.check({
    budget: 'deadline passes: every card delivered once (0 duplicates, 0 missed)',
    pass: duplicates === 0 && missed === 0,
    measured: `${duplicates} duplicates, ${missed} missed of ${cards} cards; ${rejected} × 429`,
  });
  verdicts.finish();
  process.exit(process.exitCode ?? 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
