/**
 * The load driver, run as a child process so the server's CPU is its own: it hosts the fake
 * Slack Web API and the fake Bot Connector the servers reply to, sends signed requests, and
 * times each one until its HTTP response and until its first reply reaches a fake.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startFakeBotConnector } from '../../../test/fakes/bot-connector.js';
import { startFakeSlackApi } from '../../../test/fakes/slack-api.js';
import { prepare } from './payloads.js';
import {
  ANSWER_TIMEOUT_MS,
  type DriverCommand,
  type DriverMessage,
  type Op,
  type OpResult,
  SLACK_TOKEN,
} from './protocol.js';

const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const waiters = new Map<string, (at: number) => void>();

/** Calls the fakes record are not kept (runs are long); each one only wakes its waiter. */
function arrived(key: string): void {
  const wake = waiters.get(key);
  if (!wake) return;
  waiters.delete(key);
  wake(performance.now());
}

const slack = await startFakeSlackApi({ token: SLACK_TOKEN, anyone: true });
slack.calls.push = (...calls) => {
  for (const call of calls) {
    if (call.method.startsWith('response:')) arrived(call.method);
    else if (call.method === 'chat.postMessage' && call.args.thread_ts)
      arrived(`slack:${String(call.args.channel)}:${String(call.args.thread_ts)}`);
    else if (call.method === 'chat.postMessage') arrived(`slack:${String(call.args.channel)}:dm`);
  }
  return 0;
};
const connector = await startFakeBotConnector();
connector.calls.push = (...calls) => {
  for (const call of calls) if (call.activityId) arrived(`teams:${call.activityId}`);
  return 0;
};

function send(input: { base: string; path: string; headers: Record<string, string>; body: string }) {
  return new Promise<{ status: number; at: number; body: string }>((resolve) => {
    const req = request(
      `${input.base}${input.path}`,
      { method: 'POST', agent, headers: input.headers, timeout: ANSWER_TIMEOUT_MS },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now(), body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, at: performance.now(), body: '' }));
    req.end(input.body);
  });
}

/** Sends one op; times are measured from `startedAt` (its scheduled time under open-loop load). */
async function runOne(op: Op, startedAt: number): Promise<OpResult> {
  const prepared = prepare(op, { responseUrl: slack.responseUrl, serviceUrl: connector.serviceUrl });
  const answered = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(prepared.replyKey);
      resolve(null);
    }, ANSWER_TIMEOUT_MS);
    waiters.set(prepared.replyKey, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
  const response = await send({ base: op.base, ...prepared });
  // A slash command answered in its acknowledgement: the answer is the HTTP response itself.
  const inAck = op.channel === 'slack-command' && /"(text|blocks)"\s*:/.test(response.body);
  if (inAck) waiters.get(prepared.replyKey)?.(response.at);
  const answerAt = await answered;
  const ok = response.status === 200 && answerAt !== null;
  return {
    ok,
    status: response.status,
    responseMs: response.at - startedAt,
    answerMs: (answerAt ?? performance.now()) - startedAt,
  };
}

async function sequential(ops: readonly Op[]): Promise<OpResult[]> {
  const results: OpResult[] = [];
  for (const op of ops) results.push(await runOne(op, performance.now()));
  return results;
}

/** Keeps `concurrency` requests in flight until every op was answered (closed loop, at saturation). */
async function concurrent(ops: readonly Op[], concurrency: number): Promise<OpResult[]> {
  const results: OpResult[] = new Array(ops.length);
  let next = 0;
  const worker = async () => {
    while (next < ops.length) {
      const index = next++;
      results[index] = await runOne(ops[index] as Op, performance.now());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ops.length) }, worker));
  return results;
}

/** Sends op i at t0 + i / rate whatever the earlier answers did (no coordinated omission). */
async function openLoop(ops: readonly Op[], ratePerSecond: number) {
  const interval = 1000 / ratePerSecond;
  const start = performance.now() + 10;
  const pending: Promise<OpResult>[] = [];
  const sendLagMs: number[] = [];
  while (pending.length < ops.length) {
    const now = performance.now();
    while (pending.length < ops.length && start + pending.length * interval <= now) {
      const scheduled = start + pending.length * interval;
      sendLagMs.push(now - scheduled);
      pending.push(runOne(ops[pending.length] as Op, scheduled));
    }
    const next = start + pending.length * interval - performance.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.floor(next))));
  }
  return { results: await Promise.all(pending), sendLagMs };
}

const reply = (message: DriverMessage) => process.send?.(message);

process.on('message', async (command: DriverCommand) => {
  try {
    // Servers keep connections to the fakes alive, so closing them would wait; just leave.
    if (command.type === 'stop') process.exit(0);
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const run =
      command.type === 'sequential'
        ? { results: await sequential(command.ops), sendLagMs: [] }
        : command.type === 'concurrent'
          ? { results: await concurrent(command.ops, command.concurrency), sendLagMs: [] }
          : await openLoop(command.ops, command.ratePerSecond);
    const used = process.cpuUsage(cpu);
    const driverBusy = (used.user + used.system) / 1000 / (performance.now() - wall);
    reply({ type: 'done', id: command.id, ...run, driverBusy });
  } catch (error) {
    reply({ type: 'failed', id: command.id, error: String(error) });
  }
});

// Exit with the parent, whatever way it ended.
process.on('disconnect', () => process.exit(0));

reply({ type: 'ready', slackApiUrl: slack.apiUrl, serviceUrl: connector.serviceUrl });
