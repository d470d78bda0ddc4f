import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../src/application/ports/logger.js';
import { startBot } from '../../../src/compose.js';
import { SLACK_SECRET, SLACK_TOKEN } from './protocol.js';

/** Counts what the bot logs as warnings and errors, and prints nothing. */
export function countingLogger(): Logger & { warnings: number; errors: number; last: string | null } {
  const log = {
    warnings: 0,
    errors: 0,
    last: null as string | null,
    info: () => {},
    warn: (message: string) => {
      log.warnings += 1;
      log.last = message;
    },
    error: (message: string, fields?: Record<string, unknown>) => {
      log.errors += 1;
      log.last = `${message} ${JSON.stringify(fields ?? {})}`;
    },
  };
  return log;
}

/** The whole bot from the composition root, Slack pointed at the driver's fake Web API. */
export async function startOurBot(input: { slackApiUrl: string; dataDir?: string; admins?: string }) {
  const dataDir = input.dataDir ?? mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'bench-bot-'));
  const logger = countingLogger();
  const bot = await startBot({
    env: {
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.bench.local',
      ADMINS: input.admins ?? '',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: input.slackApiUrl,
      STATE_SECRET: 'bench-state-secret-0123456789',
    },
    logger,
    scheduler: false,
    deliveryIntervalMs: 1000,
  });
  return {
    url: bot.url,
    logger,
    bot,
    close: async () => {
      await bot.close();
      if (!input.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
