import { parseArgs } from 'node:util';
import { createConsoleSender } from '../../adapters/console/console-sender.js';
import type { DeliveryReport } from '../../adapters/delivery/index.js';
import { isStoreError } from '../../adapters/storage/index.js';
import type { Clock } from '../../application/ports/clock.js';
import { createJsonLogger } from '../../application/ports/logger.js';
import type { Sender } from '../../application/ports/sender.js';
import type { DigestPassReport } from '../../application/use-cases/run-digest-pass.js';
import { formatDateTime } from '../../application/views/format.js';
import { addOutboundSenders, buildCore, runScheduledPasses } from '../../compose.js';
import { loadConfig } from '../../config.js';

/** How long `tick` keeps delivering notices that become due soon (429 Retry-After, first backoffs). */
const DELIVERY_WINDOW_MS = 60_000;
/**
 * How long `tick` waits at most before looking again: a notice another replica holds comes back
 * when that replica releases it, which may be long before its claim would lapse (nextDueAt).
 */
const LOOK_AGAIN_MS = 500;
const out = (line: string) => process.stdout.write(`${line}\n`);

function parseAt(argv: string[]): Date {
  const { values } = parseArgs({ args: argv, options: { at: { type: 'string' } }, allowPositionals: false });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()))
    throw new Error(`--at expects an ISO time such as 2027-02-01T09:00:00Z (got "${values.at}")`);
  return at;
}

const SKIPPED = { 'already-sent': 'already sent', 'nothing-to-report': 'nothing to report' } as const;

function digestLine(digest: DigestPassReport): string {
  if (digest.period === null) return 'Digest: off (DIGEST=off)';
  const what = digest.skipped ? SKIPPED[digest.skipped] : `${digest.notices.length} queued`;
  return `Digest of the period starting ${digest.period}: ${what}`;
}

/** Starts at `at` and moves with real time, so rate-limit waits during delivery pass as they should. */
function clockFrom(at: Date): Clock {
  const started = Date.now();
  return { now: () => new Date(at.getTime() + (Date.now() - started)) };
}

async function deliver(core: Awaited<ReturnType<typeof buildCore>>, clock: Clock): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  const until = clock.now().getTime() + DELIVERY_WINDOW_MS;
  for (;;) {
    const report = await core.worker.runOnce();
    reports.push(report);
    for (const l of report.lines)
      out(`${l.result}: ${l.noticeId} → ${l.target}${l.result === 'delivered' ? '' : ` (${l.detail})`}`);
    const next = report.nextDueAt ? Date.parse(report.nextDueAt) : null;
    if (next === null || next > until) return reports;
    const wait = Math.min(LOOK_AGAIN_MS, Math.max(0, next - clock.now().getTime()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * `npm run tick -- --at <ISO time>`: every scheduled pass once at that time (`runScheduledPasses`:
 * catalog checks, review deadlines, waiting requests, time boxes, the digest and countdowns), then
 * delivery of what they queued. Sending starts as soon as the pass is saved: Slack's client loads meanwhile, and Teams'
 * once its first card is due, after Slack's first cards left (their one-a-second pacing is the
 * longest), so it loads while they wait their turn.
 */
async function main(): Promise<number> {
  const at = parseAt(process.argv.slice(2));
  const config = loadConfig(process.env);
  const clock = clockFrom(at);
  const logger = createJsonLogger({ quiet: true });
  const senders: Partial<Record<'slack' | 'teams' | 'console', Sender>> = {
    console: createConsoleSender({ write: (text) => process.stdout.write(text) }),
  };
  const built = buildCore({ config, clock, logger, senders });
  addOutboundSenders(senders, { config, logger, core: built });
  const core = await built;
  try {
    out(
      `Scheduled passes at ${at.toISOString()} (${formatDateTime(at, config.timeZone)} ${config.timeZone})`,
    );
    const pass = await runScheduledPasses(core, at);
    const { changes, notices: queued } = pass;
    for (const line of changes) out(`change: ${line}`);
    out(digestLine(pass.digest));
    for (const line of queued) out(`queued: ${line}`);
    const reports = await deliver(core, clock);
    const sum = (k: 'delivered' | 'givenUp') => reports.reduce((n, r) => n + r[k], 0);
    // Notices a live replica has claimed are being sent there: not this run's to report as waiting.
    const { queued: left, heldElsewhere } = core.worker.waiting();
    const waiting = left - heldElsewhere;
    out(
      `Done: ${changes.length} changed, ${queued.length} queued, ${sum('delivered')} delivered, ${sum('givenUp')} given up, ${waiting} still waiting${heldElsewhere > 0 ? `, ${heldElsewhere} being sent by another replica` : ''}.`,
    );
    return sum('givenUp') > 0 || waiting > 0 ? 2 : 0;
  } finally {
    await core.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tick failed: ${text}\n`);
    process.exit(isStoreError(error, 'data-dir-locked') ? 3 : 1);
  },
);
