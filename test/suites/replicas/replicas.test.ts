import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage } from '../../../src/adapters/storage/postgres/index.js';
import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { State } from '../../../src/domain/state.js';
import { directMessage, eventCallback } from '../../adapters/slack/payloads.js';
import { postToSlackEndpoint } from '../../fakes/slack-signing.js';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.js';
import { TICK_TIMES } from '../crash/crash-run.js';
import { type BotProcess, npmScript, spawnBot, startScript } from '../support/bot-process.js';
import { ensureBuilt } from '../support/compiled.js';
import { copyReport } from '../support/copies.js';
import {
  ADMIN,
  ADMIN_CHANNEL,
  approveButton,
  nameOf,
  type Platforms,
  SECRET,
  type SlackButton,
  startPlatforms,
  TEAMS_ADMIN,
  writeCatalog,
} from '../support/fake-platforms.js';
import { dmTarget, expectedKeys } from '../support/notice-keys.js';
import { peaks } from './rates.js';

/**
 * Several servers on one PostgreSQL database behave as one (docs/SPEC §12): three real servers
 * (`npm start`'s compiled script) and `tick` processes share one database, driven over HTTP through
 * the fake Slack Web API and Bot Connector, which record every delivery.
 */
const ADMIN2 = 'UADMIN2';
const SLACK_CHANNELS = [ADMIN_CHANNEL, 'C0ADMINS2', 'C0ADMINS3'];
/** DELIVERY_CLAIM_LEASE: a killed replica's conversations pass to the others this long after its last renewal. */
const LEASE_S = 12;
const STATE_SECRET = 'state-secret-0123456789abcdef';

const root = mkdtempSync(join(tmpdir(), 'suite-replicas-'));
let database: TestDatabase;
let platforms: Platforms;
let env: Record<string, string>;
let reader: PostgresStorage;
const replicas: BotProcess[] = [];
const running: { url: string; exited: Promise<unknown> }[] = [];
/** The most replicas seen holding delivery claims at one moment (sampled every 200 ms). */
/**
 * Sampled from the database while the suite runs: the most replicas holding conversations at one
 * moment, and how often a conversation passed from one replica to another while a limit window still
 * counted the first one's sends there (the second then paces from them).
 */
const holders = { most: 0, handovers: 0, stop: false };
const lastHolder = new Map<string, { by: string; countsUntil: number }>();
/** What each test saw, printed at the end for the report. */
const figures: Record<string, unknown> = {};

/** Posts a signed Slack event to `bot`, as Slack's `retry`th retry (0: the first delivery); its HTTP status. */
const sendEvent = (bot: { url: string }, payload: unknown, retry: number) =>
  postToSlackEndpoint({
    url: bot.url,
    secret: SECRET,
    body: { json: payload },
    ...(retry
      ? { headers: { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } }
      : {}),
  }).then((res) => res.status);

/** The messages posted to Slack channel `channel` so far. */
const repliesIn = (channel: string) =>
  platforms.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel);

const startReplica = async (name: string) => {
  const bot = spawnBot({
    script: startScript(),
    env: { ...env, DATA_DIR: join(root, name) },
    listenTimeoutMs: 90_000,
  });
  replicas.push(bot);
  const url = await bot.listening;
  running.push({ url, exited: bot.exited });
  return bot;
};

/** The state as the database holds it now. */
const stateNow = async (): Promise<State> => {
  await reader.store.refresh();
  return reader.store.read();
};
const auditOf = async (integrationId: string) => {
  const entries: AuditEntry[] = [];
  for await (const e of reader.audit.read({ integrationId })) entries.push(e);
  return entries;
};

async function waitFor<T>(
  what: string,
  probe: () => T | null | false | Promise<T | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The "Add" button of the permissions an "Approve" click answered with. */
function confirmButton(answer: string | null): SlackButton {
  const blocks = (
    JSON.parse(answer ?? '{}') as { blocks?: { type: string; elements?: Partial<SlackButton>[] }[] }
  ).blocks;
  for (const el of (blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])))
    if (typeof el.value === 'string' && el.action_id && el.value.includes('"confirmApprove"'))
      return { action_id: el.action_id, value: el.value };
  throw new Error(`no "Add" button in the answer: ${String(answer).slice(0, 300)}`);
}

/** Active admin channels, as the fakes name their targets. */
const adminTargets = (state: State) =>
  Object.values(state.adminChannels)
    .filter((c) => c.active)
    .map((c) => c.id);

beforeAll(async () => {
  await ensureBuilt();
  database = await createTestDatabase();
  const catalog = writeCatalog(root, 80);
  platforms = await startPlatforms();
  env = {
    ...platforms.env(join(root, 'unused'), catalog.file),
    DATABASE_URL: database.url,
    ADMINS: `slack:${ADMIN},slack:${ADMIN2},teams:${TEAMS_ADMIN.aadObjectId}`,
    DELIVERY_CLAIM_LEASE: `${LEASE_S}s`,
  };
  // The first replica migrates the database; the other two start together on it.
  await startReplica('a');
  await Promise.all([startReplica('b'), startReplica('c')]);
  reader = await openPostgresStorage({ url: database.url, configuredSecret: STATE_SECRET });
  const [a] = running as [(typeof running)[0]];
  const answers = [
    ...(await Promise.all(
      SLACK_CHANNELS.map((channel) => platforms.slash(a, { user: ADMIN, text: 'notify here', channel })),
    )),
    await platforms.teams(a, { from: TEAMS_ADMIN, text: 'notify here', scope: 'channel' }),
    await platforms.teams(a, { from: TEAMS_ADMIN, text: 'notify here', scope: 'groupChat' }),
    await platforms.slash(a, { user: ADMIN, text: 'enable surveymonkey for all' }),
  ];
  if (answers.some((x) => !x)) throw new Error(`set-up commands went unanswered: ${JSON.stringify(answers)}`);
  await waitFor('five admin channels', async () => adminTargets(await stateNow()).length === 5);
  void (async () => {
    while (!holders.stop) {
      const state = await stateNow().catch(() => null);
      const nowMs = Date.now();
      // Held, or released with sends a limit window still counts (the next holder paces from them).
      const live = Object.values(state?.deliveryClaims ?? {}).filter(
        (cl) => Date.parse(cl.until) > nowMs || Date.parse(cl.pacing?.keepUntil ?? '') > nowMs,
      );
      holders.most = Math.max(holders.most, new Set(live.map((cl) => cl.by)).size);
      for (const [target, claim] of Object.entries(state?.deliveryClaims ?? {})) {
        const before = lastHolder.get(target);
        if (before && before.by !== claim.by && nowMs < before.countsUntil) holders.handovers += 1;
        const countsUntil = Math.max(Date.parse(claim.until), Date.parse(claim.pacing?.keepUntil ?? '') || 0);
        lastHolder.set(target, { by: claim.by, countsUntil });
      }
      await sleep(200);
    }
  })();
}, 240_000);

afterAll(async () => {
  holders.stop = true;
  console.log(`replica figures: ${JSON.stringify(figures)}`);
  await Promise.all(replicas.map((r) => r.stop(10_000)));
  await reader?.close();
  await platforms?.close();
  await database?.drop();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('three replicas on one PostgreSQL database', () => {
  it('records one decision when two admins decide the same request at once on two replicas; the other is told who decided', async () => {
    const [a, b, c] = running as [(typeof running)[0], (typeof running)[0], (typeof running)[0]];
    const rounds: { id: string; answers: string[]; decided: string; audited: number }[] = [];
    for (let k = 1; k <= 4; k++) {
      const id = `suite-000${k}`;
      const filed = await platforms.slash([a, b, c][k % 3] as typeof a, {
        user: `UQ${k}`,
        text: `request ${id} because round ${k}`,
      });
      expect(filed).toMatch(/was sent to the admins/);
      const card = await waitFor(`the card of ${nameOf(id)}`, () => approveButton(platforms, nameOf(id)));
      // Approve by a click on one replica, deny by a command on another, at the same instant.
      const [first, second] = k % 2 ? [a, b] : [c, a];
      // "Approve for all groups" shows the permissions first; its "Add" button decides.
      const add = confirmButton(await platforms.click(first as typeof a, { user: ADMIN, ...card }));
      const answers = await Promise.all([
        platforms.click(first as typeof a, { user: ADMIN, ...card, button: add }),
        platforms.slash(second as typeof a, {
          user: ADMIN2,
          text: `deny ${id} because race ${k}`,
          channel: ADMIN_CHANNEL,
        }),
      ]);
      const state = await stateNow();
      const request = Object.values(state.requests).find((r) => r.integrationId === id);
      const decisions = (await auditOf(id)).filter((e) => /^request-(approved|denied)$/.test(e.action));
      rounds.push({
        id,
        answers: answers.map((x) => String(x).slice(0, 160)),
        decided: String(request?.state),
        audited: decisions.length,
      });
      expect(decisions).toHaveLength(1);
      expect(['approved', 'denied']).toContain(request?.state);
      const winner = request?.state === 'approved' ? 0 : 1;
      const admins = [ADMIN, ADMIN2];
      const verbs = ['Approved by', 'Denied by'];
      const told = (who: number) => `${verbs[who]} Person ${admins[who]}`;
      // The winner is confirmed its decision; the loser is shown the winner's (who and how), not its own.
      expect(answers[winner]).toContain(told(winner));
      expect(answers[winner]).not.toMatch(/already decided|the last one was decided/i);
      expect(answers[1 - winner]).toContain(told(winner));
      expect(answers[1 - winner]).not.toContain(told(1 - winner));
      expect(decisions[0]?.actor).toBe(`slack:${winner === 0 ? ADMIN : ADMIN2}`);
    }
    figures.decisions = rounds;
  }, 90_000);

  it('acts once on a Slack event whose retry reaches another replica, at once or after the answer', async () => {
    const [a, b, c] = running as [(typeof running)[0], (typeof running)[0], (typeof running)[0]];
    const seen: Record<string, unknown>[] = [];
    for (const [k, mode] of [
      [20, 'same instant'],
      [21, 'after the answer'],
    ] as const) {
      const id = `suite-00${k}`;
      const user = `UR${k}`;
      const channel = `DR${k}`;
      const payload = eventCallback(
        directMessage({ user, channel, text: `request ${id} because retried ${k}` }),
        { eventId: `EvRetry${k}` },
      );
      const send = (bot: { url: string }, retry: number) => sendEvent(bot, payload, retry);
      const replies = () => repliesIn(channel);
      let statuses: number[];
      if (mode === 'same instant') statuses = await Promise.all([send(a, 0), send(b, 1), send(c, 2)]);
      else {
        statuses = [await send(a, 0)];
        await waitFor(`the answer in ${channel}`, () => replies().length > 0);
        statuses.push(await send(b, 1), await send(c, 2));
      }
      expect(statuses).toEqual([200, 200, 200]);
      await waitFor(`the answer in ${channel}`, () => replies().length > 0);
      // The cards of the request in every admin channel, then a moment more for any second copy.
      const targets = adminTargets(await stateNow());
      const cardsIn = () =>
        platforms.deliveries.filter((d) => d.key.startsWith('card|') && d.key.endsWith(`|${nameOf(id)}`));
      await waitFor(`the cards of ${id}`, () => cardsIn().length >= targets.length, 40_000);
      await sleep(3_000);
      const requests = Object.values((await stateNow()).requests).filter((r) => r.integrationId === id);
      const filed = (await auditOf(id)).filter((e) => /^request-(filed|joined)$/.test(e.action));
      seen.push({
        mode,
        requests: requests.length,
        requesters: requests.flatMap((r) => r.requesters).length,
        audited: filed.length,
        replies: replies().length,
        cards: cardsIn().length,
        adminChannels: targets.length,
      });
      expect(requests).toHaveLength(1);
      expect(requests[0]?.requesters.map((r) => r.personId)).toEqual([`slack:${user}`]);
      expect(filed).toHaveLength(1);
      expect(replies().map((r) => String(r.args.text))).toEqual([
        expect.stringMatching(/was sent to the admins/),
      ]);
      expect(
        cardsIn()
          .map((d) => d.target)
          .sort(),
      ).toEqual([...targets].sort());
    }
    figures.slackRetries = seen;
  }, 120_000);

  it('answers once a Slack event that changes nothing whose retry reaches another replica', async () => {
    const [a, b, c] = running as [(typeof running)[0], (typeof running)[0], (typeof running)[0]];
    const seen: Record<string, unknown>[] = [];
    for (const [k, mode] of [
      [30, 'same instant'],
      [31, 'after the answer'],
    ] as const) {
      const channel = `DH${k}`;
      const user = `UH${k}`;
      const payload = eventCallback(directMessage({ user, channel, text: 'help' }), {
        eventId: `EvHelp${k}`,
      });
      const send = (bot: { url: string }, retry: number) => sendEvent(bot, payload, retry);
      const replies = () => repliesIn(channel);
      // A slash command first makes the person known (its answer goes in the acknowledgement), so
      // the message retried below changes nothing at all.
      expect(await platforms.slash(a, { user, text: 'help' })).toMatch(/Commands/);
      const before = replies().length;
      let statuses: number[];
      if (mode === 'same instant') statuses = await Promise.all([send(a, 0), send(b, 1), send(c, 2)]);
      else {
        statuses = [await send(a, 0)];
        await waitFor(`the answer in ${channel}`, () => replies().length > before);
        statuses.push(await send(b, 1), await send(c, 2));
      }
      expect(statuses).toEqual([200, 200, 200]);
      await waitFor(`the answer in ${channel}`, () => replies().length > before);
      await sleep(2_000);
      seen.push({ mode, replies: replies().length - before });
      expect(replies().length - before).toBe(1);
    }
    figures.slackRetriesOfNoChange = seen;
  }, 60_000);

  it('sends each deadline notice once per admin channel when tick runs on every replica at once', async () => {
    const seen: Record<string, unknown>[] = [];
    figures.ticks = seen;
    const targets = adminTargets(await stateNow());
    // The auto-disable date of SurveyMonkey's failed review (a second date would add half a minute:
    // each tick waits out the others' claims on the Teams conversations, 30 s after their last answer).
    for (const at of TICK_TIMES.slice(0, 1)) {
      const from = platforms.deliveries.length;
      const ticks = running.map((_, i) =>
        spawnBot({
          script: npmScript('tick'),
          args: ['--at', at],
          env: { ...env, DATA_DIR: join(root, `tick-${i}`) },
        }),
      );
      const timer = setTimeout(() => ticks.forEach((t) => void t.kill()), 90_000);
      const startedMs = Date.now();
      const tookMs: number[] = [];
      const exits = await Promise.all(
        ticks.map((t, i) =>
          t.exited.then((e) => {
            tookMs[i] = Date.now() - startedMs;
            return e;
          }),
        ),
      );
      clearTimeout(timer);
      // 0: all delivered; 2: notices left waiting, here those another tick holds and sends.
      for (const [i, e] of exits.entries())
        expect(e.code, `tick ${i} at ${at}: ${ticks[i]?.stderr().slice(-500)}`).toSatisfy(
          (code: number | null) => code === 0 || code === 2,
        );
      const notices = platforms.deliveries.slice(from).filter((d) => d.key.startsWith('other|'));
      const copies = copyReport(notices, []);
      const outbox = (await stateNow()).outbox.filter(
        (n) => n.state === 'queued' && Date.parse(n.notBefore) <= Date.parse(at) + 3_600_000,
      );
      seen.push({
        at,
        ticks: exits.map((e) => e.code),
        tookMs,
        out: process.env.REPLICAS_DEBUG ? ticks.map((t) => t.stdout().slice(-1500)) : undefined,
        notices: copies.notices,
        copies: notices.length,
        duplicates: copies.duplicates.length,
        channels: new Set(notices.map((d) => d.target)).size,
        leftQueued: outbox.length,
      });
      expect(copies.duplicates).toEqual([]);
      expect(copies.notices).toBeGreaterThan(0);
      // Every admin channel got the pass's notices, each once.
      expect([...new Set(notices.map((d) => d.target))].sort()).toEqual([...targets].sort());
      expect(outbox.map((n) => `${n.id} → ${n.target}`)).toEqual([]);
    }
  }, 200_000);

  it("leaves a killed replica's notices to the others: nothing lost, only the copies in flight at the kill repeated", async () => {
    const [, b, c] = running as [(typeof running)[0], (typeof running)[0], (typeof running)[0]];
    const from = platforms.deliveries.length;
    const ids = Array.from({ length: 15 }, (_, i) => `suite-00${30 + i}`);
    for (const [i, id] of ids.entries()) {
      const answer = await platforms.slash(i % 2 ? b : c, {
        user: `UK${i}`,
        text: `request ${id} because kill ${i}`,
      });
      expect(answer).toMatch(/was sent to the admins/);
    }
    // Decided at once: a direct message to each requester joins the cards in the queue.
    const denied = await platforms.slash(c, {
      user: ADMIN,
      text: `deny ${ids.join(', ')} because not now`,
      channel: ADMIN_CHANNEL,
    });
    expect(denied).toMatch(/Denied/);
    // A person's notices go to their direct message, which the fakes name by the conversation.
    const conversationOf = (target: string) =>
      /^(slack:U|teams:[0-9a-f]{8}-)/.test(target) ? dmTarget(target) : target;
    // The conversations each replica holds with notices still to send there.
    const sending = (state: State) => {
      const waiting = new Set(state.outbox.filter((n) => n.state === 'queued').map((n) => n.target));
      return replicas.map((r) =>
        Object.entries(state.deliveryClaims)
          .filter(([target, cl]) => cl.by.includes(`:${r.pid}:`) && waiting.has(target))
          .map(([target]) => target),
      );
    };
    // The replica sending to the most conversations, once some notices went out: killed mid-delivery.
    const victim = await waitFor('a replica sending', async () => {
      if (platforms.deliveries.length - from < 6) return null;
      const holding = sending(await stateNow());
      const most = Math.max(...holding.map((h) => h.length));
      return most >= 2 ? holding.findIndex((h) => h.length === most) + 1 : null;
    }).then((n) => n - 1);
    const held = (sending(await stateNow())[victim] ?? []).map(conversationOf);
    const killedAt = Date.now();
    await replicas[victim]?.kill();
    // What the dead process had on the wire arrives before the kill is marked.
    await sleep(300);
    platforms.markKill(`replica ${victim}`);
    const killSeq = platforms.deliveries.length;
    // Every notice the state says was sent, delivered; no notice due left in the outbox.
    const missing = async () => {
      const state = await stateNow();
      const delivered = new Set(platforms.deliveries.map((d) => d.key));
      const lost = expectedKeys(state, { nameOf }).filter((key) => !delivered.has(key));
      const queued = state.outbox.filter(
        (n) => n.state === 'queued' && Date.parse(n.notBefore) <= Date.now(),
      );
      return [...lost, ...queued.map((n) => `queued ${n.id} → ${n.target}`)];
    };
    await waitFor('every notice delivered', async () => (await missing()).length === 0, 100_000).catch(
      () => null,
    );
    const lost = await missing();
    const copies = copyReport(platforms.deliveries, platforms.kills);
    const takenOver = platforms.deliveries.slice(killSeq).filter((d) => held.includes(d.target));
    figures.kill = {
      notices: platforms.deliveries.length - from,
      heldByKilled: held.length,
      held: process.env.REPLICAS_DEBUG ? held : undefined,
      afterKill: process.env.REPLICAS_DEBUG
        ? [...new Set(platforms.deliveries.slice(killSeq).map((d) => d.target))]
        : undefined,
      deliveredAfterKill: platforms.deliveries.length - killSeq,
      takenOverFromKilled: takenOver.length,
      excused: copies.excused,
      duplicates: copies.duplicates.length,
      lost: lost.length,
      finishedAfterKillMs: Date.now() - killedAt,
    };
    expect(held.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(copies.duplicates).toEqual([]);
    expect(copies.excused).toBeLessThanOrEqual(held.length);
    // The others took over the dead replica's conversations once its claims lapsed.
    expect(takenOver.length).toBeGreaterThan(0);
  }, 150_000);

  it('keeps each conversation within its platform limits while replicas deliver at once', () => {
    const slack = platforms.slack.calls
      .filter((call) => call.method === 'chat.postMessage' && call.result)
      .map((call) => ({ conversation: `slack:${String(call.args.channel)}`, at: call.at }));
    const teams = platforms.connector.calls
      .filter((call) => call.kind === 'activity')
      .map((call) => ({ conversation: `teams:${call.conversationId}`, at: call.at ?? 0 }));
    // A few milliseconds for timer resolution: the pacing counts from each answer, after its arrival.
    const [slackPerSecond] = peaks(slack, [{ count: 1, perMs: 1_000 }], 5);
    const [teamsPerSecond, teamsPer30s] = peaks(
      teams,
      [
        { count: 7, perMs: 1_000 },
        { count: 60, perMs: 30_000 },
      ],
      5,
    );
    figures.rates = {
      slackMessages: slack.length,
      teamsMessages: teams.length,
      mostHoldersAtOnce: holders.most,
      handoversWithinWindow: holders.handovers,
      slackMostPerSecond: slackPerSecond?.most,
      teamsMostPerSecond: teamsPerSecond?.most,
      teamsMostPer30s: teamsPer30s?.most,
    };
    // Conversations passed between replicas within their limit windows, so the limits held across them.
    expect(holders.handovers).toBeGreaterThan(0);
    expect(slackPerSecond?.most).toBeGreaterThan(0);
    expect(teamsPerSecond?.most).toBeGreaterThan(1);
    expect([
      ...(slackPerSecond?.over ?? []),
      ...(teamsPerSecond?.over ?? []),
      ...(teamsPer30s?.over ?? []),
    ]).toEqual([]);
  });
});
