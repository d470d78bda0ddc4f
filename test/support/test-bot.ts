import { type RunningBot, startBot } from '../../src/compose.js';
import { storeEnv } from './test-store.js';

/** `startBot` on the store under test: with TEST_STORE=postgres, its DATA_DIR's database (test-store.ts). */
export async function startTestBot(input: Parameters<typeof startBot>[0]): Promise<RunningBot> {
  return startBot({ ...input, ...(input.env ? { env: await storeEnv(input.env) } : {}) });
}
