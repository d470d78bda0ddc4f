import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createConsoleSender } from '../../adapters/console/console-sender.js';
import { CONSOLE_HELP, createConsoleSession } from '../../adapters/console/console-session.js';
import { createJsonLogger } from '../../application/ports/logger.js';
import { startBot } from '../../compose.js';
import { loadConfig } from '../../config.js';

/** `npm run chat [-- --as console:ada]`: the whole bot in a terminal, on the same engine and data. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { as: { type: 'string', default: 'console:admin' } },
    allowPositionals: false,
  });
  const as = values.as.startsWith('console:') ? values.as : `console:${values.as}`;
  // The console is for one machine: its server listens on loopback only, whatever HOST says (docs/security.md).
  const config = loadConfig({
    ...process.env,
    ADMINS: process.env.ADMINS ?? 'console:admin',
    HOST: '127.0.0.1',
  });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  // One iterator serves commands and card fields alike; made at once so that piped lines are not lost
  // while the data directory opens, and it ends cleanly when standard input closes.
  const lines = rl[Symbol.asyncIterator]();
  const write = (text: string) => process.stdout.write(text);
  // The console runs inside the whole server, so consent callbacks and export links work while it is open.
  const bot = await startBot({
    config,
    logger: createJsonLogger({ quiet: true }),
    consoleSender: createConsoleSender({ write }),
    deliveryIntervalMs: 200,
  });
  const { core } = bot;
  const next = async (prompt: string): Promise<string | null> => {
    write(prompt);
    const line = await lines.next();
    return line.done ? null : line.value;
  };
  const session = createConsoleSession({
    engine: core.engine,
    io: { write, ask: async (q) => (await next(q)) ?? '' },
    as,
  });
  write(
    `${CONSOLE_HELP}\nData: ${config.dataDir} · plan: ${config.plan} · admins: ${config.admins.join(', ') || 'none'}` +
      ` · links: ${config.publicUrl} (served by this process, listening on ${bot.address} only)\n`,
  );
  try {
    for (;;) {
      const line = await next(session.prompt());
      if (line === null || !(await session.handleLine(line))) break;
      await core.worker.runOnce();
    }
  } finally {
    rl.close();
    await core.worker.runOnce();
    await bot.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
