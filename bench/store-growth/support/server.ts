/**
 * One bot in its own process for the store-growth benchmark, so each store's heap and GC are
 * its own: `server.ts <dataDir> <slackApiUrl>`; answers `cpu` with its CPU time and exits on `stop`.
 */
import { startOurBot } from '../../channels/support/our-bot.js';

const [dataDir, slackApiUrl] = process.argv.slice(2);
if (!dataDir || !slackApiUrl) throw new Error('usage: server.ts <dataDir> <slackApiUrl>');
const started = performance.now();
const ours = await startOurBot({ dataDir, slackApiUrl, admins: 'slack:UADMIN' });
const startMs = performance.now() - started;

process.on('disconnect', () => process.exit(0));
process.on('message', (message: { type: 'cpu' | 'stop' | 'log' }) => {
  if (message.type === 'stop') process.exit(0);
  if (message.type === 'log')
    process.send?.({
      type: 'log',
      warnings: ours.logger.warnings,
      errors: ours.logger.errors,
      last: ours.logger.last,
    });
  const used = process.cpuUsage();
  if (message.type === 'cpu')
    process.send?.({
      type: 'cpu',
      ms: (used.user + used.system) / 1000,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    });
});
process.send?.({ type: 'ready', url: ours.url, startMs });
