import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/compose.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { tempDataDir } from './helpers.js';

const admin = { id: 'console:admin', name: 'Admin' };
const origin = { conversationId: 'console:admin', kind: 'personal' as const };

describe('GET /auth/integrations/:id/callback', () => {
  let bot: RunningBot;
  let authorizeUrl = '';

  beforeAll(async () => {
    bot = await startBot({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDataDir(),
        ADMINS: 'console:admin',
        PUBLIC_URL: 'http://bot.test',
      },
      logger: silentLogger,
      scheduler: false,
    });
    await bot.core.engine.handleText({
      actor: { id: 'console:ada', name: 'Ada' },
      origin: { conversationId: 'console:ada', kind: 'personal' },
      text: 'request zoom',
    });
    // Request ids are not guessable: take the one just filed.
    const [requestId = ''] = Object.keys(bot.core.deps.store.read().requests);
    const reply = await bot.core.engine.handleAction({
      actor: admin,
      origin,
      verb: 'confirmApprove',
      data: { requestId, scope: 'all' },
    });
    authorizeUrl = (reply.views[0] as { authorizeUrl: string }).authorizeUrl.replace(
      'http://bot.test',
      bot.url,
    );
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('says nothing about an error before the state is checked', async () => {
    for (const query of [
      'error=access_denied',
      'error=access_denied&state=forged.value',
      'error=<b>x</b>&state=',
    ]) {
      const res = await fetch(`${bot.url}/auth/integrations/zoom/callback?${query}`);
      const page = await res.text();
      expect(res.status, query).toBe(400);
      expect(page, query).toContain('This link is not valid.');
      expect(page, query).not.toContain('provider answered');
    }
  });

  it('reports the provider’s error once the state is good, and changes nothing', async () => {
    const res = await fetch(`${authorizeUrl}&error=access_denied`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The provider answered &quot;access_denied&quot;');
    expect(bot.core.deps.store.read().installs.zoom?.connected).not.toBe(true);
  });
});
