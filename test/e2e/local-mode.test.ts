import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, BOB, messageActivity } from '../adapters/teams/activities.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';
import { startTestBot } from '../support/test-bot.js';
import { runScript, tempDataDir } from './helpers.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

describe('local mode (no MicrosoftAppId), through startBot', () => {
  let t: TeamsBot;
  beforeAll(async () => {
    t = await startTeamsBot();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an activity whose serviceUrl is 0.0.0.0: nothing changes, the connector sees no call', async () => {
    const port = new URL(t.serviceUrl).port;
    const activity = messageActivity({
      serviceUrl: `http://0.0.0.0:${port}/`,
      from: ADA,
      text: `admin add teams:${BOB.aadObjectId}`,
    });
    const res = await t.post(activity);
    expect(res.status).toBe(403);
    expect(t.bot.core.deps.store.read().people[`teams:${BOB.aadObjectId}`]).toBeUndefined();
    expect(t.bot.core.engine.addressOf(`teams:${ADA.aadObjectId}`)).toBeNull();
    await t.bot.core.worker.runOnce();
    expect(t.connector.calls).toEqual([]);
  });

  it('still answers on a loopback serviceUrl', async () => {
    const res = await t.post(messageActivity({ serviceUrl: t.serviceUrl, from: ADA, text: 'help' }));
    expect(res.status).toBe(200);
    expect(t.connector.calls.length).toBeGreaterThan(0);
  });
});

describe('start-up', () => {
  it('says in one line that local mode answers only this machine, and listens on HOST', async () => {
    const logger = createCaptureLogger();
    const bot = await startTestBot({
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDataDir() },
      logger,
      scheduler: false,
    });
    await bot.close();
    expect(bot.address).toBe('127.0.0.1');
    const local = logger.lines.filter((line) => /local mode/i.test(line.message));
    expect(local).toHaveLength(1);
    expect(local[0]?.message).toMatch(/loopback/);
  });

  it('says nothing of local mode with an app id', async () => {
    const logger = createCaptureLogger();
    const bot = await startTestBot({
      env: { PORT: '0', DATA_DIR: tempDataDir(), MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' },
      logger,
      scheduler: false,
    });
    await bot.close();
    expect(bot.address).toBe('0.0.0.0');
    expect(logger.text()).not.toMatch(/local mode/i);
  });

  it('npm run chat listens on loopback only, whatever HOST says', async () => {
    const run = await runScript({
      script: 'src/bin/chat.ts',
      env: { DATA_DIR: tempDataDir(), HOST: '0.0.0.0' },
      stdin: '/quit\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('listening on 127.0.0.1 only');
  });
});
