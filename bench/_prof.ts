import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCore } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

const N = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'prof-'));
const config = loadConfig({
  DATA_DIR: dir,
  ADMINS: 'slack:UADMIN',
  STATE_SECRET: 'bench-state-secret-0123456789',
} as NodeJS.ProcessEnv);
const core = await buildCore({ config, logger: { info() {}, warn() {}, error() {} } });
const names = [
  'jira',
  'dropbox',
  'sharepoint',
  'google drive',
  'quip',
  'salesforce',
  'zoom',
  'bluejeans',
  'surveymonkey',
  'box',
];
const origin = (u: string) => ({ conversationId: `slack:D${u}`, kind: 'personal' as const });
await core.engine.handleText({
  actor: { id: 'slack:UADMIN', name: 'A' },
  origin: { conversationId: 'slack:CADM', kind: 'channel' },
  text: 'notify here',
});
async function time(label: string, n: number, f: (i: number) => Promise<unknown>) {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) await f(i);
  const u = process.cpuUsage(c);
  console.log(
    label,
    ((performance.now() - t) / n).toFixed(3),
    'ms wall',
    ((u.user + u.system) / 1000 / n).toFixed(3),
    'ms cpu',
  );
}
await time('empty: request', 50, (i) =>
  core.engine.handleText({
    actor: { id: `slack:UE${i}`, name: null },
    origin: origin(`E${i}`),
    text: `request ${names[i % 10]}`,
  }),
);
await time('empty: integrations', 50, (i) =>
  core.engine.handleText({
    actor: { id: `slack:UE${i}`, name: null },
    origin: origin(`E${i}`),
    text: 'integrations',
  }),
);
const t = performance.now();
const batch = 50;
for (let i = 0; i < N; i += batch) {
  await Promise.all(
    Array.from({ length: batch }, (_, j) =>
      core.engine.handleText({
        actor: { id: `slack:UF${i + j}`, name: `m${i + j}` },
        origin: origin(`F${i + j}`),
        text: `request ${names[(i + j) % 10]} because reason ${i + j}`,
      }),
    ),
  );
}
console.log('fill', N, (performance.now() - t).toFixed(0), 'ms');
await time('full: request', Number(process.env.FULLN ?? 50), (i) =>
  core.engine.handleText({
    actor: { id: `slack:UN${i}`, name: null },
    origin: origin(`N${i}`),
    text: `request ${names[i % 10]}`,
  }),
);
await time('full: integrations', 50, (i) =>
  core.engine.handleText({
    actor: { id: `slack:UN${i}`, name: null },
    origin: origin(`N${i}`),
    text: 'integrations',
  }),
);
await time('full: my requests', 50, (i) =>
  core.engine.handleText({
    actor: { id: `slack:UN${i}`, name: null },
    origin: origin(`N${i}`),
    text: 'my requests',
  }),
);
await core.close();
