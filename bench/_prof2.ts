import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver } from './channels/support/driver-client.js';
import type { Op } from './channels/support/protocol.js';
import { startServer } from './lib/server-process.js';

const channel = (process.argv[2] ?? 'slack-command') as Op['channel'];
const text = process.argv[3] ?? 'help';
const driver = await startDriver();
const s = await startServer({
  side: 'ours',
  slackApiUrl: driver.slackApiUrl,
  dataDir: mkdtempSync(join(tmpdir(), 'p2-')),
  profileDir: '/tmp/perfprof/p2',
});
const ops = (n: number): Op[] =>
  Array.from({ length: n }, (_, i) => ({ base: s.url, channel, user: `U${i % 50}BENCH`, text }));
await driver.concurrent(ops(500), 8);
const c = s.cpuMs();
await driver.concurrent(ops(3000), 8);
console.log('cpu/answer', ((s.cpuMs() - c) / 3000).toFixed(3));
driver.stop();
await s.stop();
process.exit(0);
