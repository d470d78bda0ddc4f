import { createJsonLogger, redactLinks } from '../../application/ports/logger.js';
import { startBot } from '../../compose.js';
import { ConfigError } from '../../config.js';

/** `npm start`: the bot on PORT, data under DATA_DIR, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  // Redacted here too: the unhandled-rejection line below is written outside the server's logger.
  const logger = redactLinks(createJsonLogger());
  const bot = await startBot({ env: process.env, logger });
  logger.info('listening', { url: bot.url });
  process.stdout.write(`Integration admin bot listening on ${bot.url}\n`);
  const stop = async (signal: string) => {
    logger.info('stopping', { signal });
    await bot.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error: String(error) }));
}

main().catch((error: unknown) => {
  const text = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
