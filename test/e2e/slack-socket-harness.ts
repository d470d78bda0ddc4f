import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../src/application/ports/logger.js';
import { eventCallback, slashCommand } from '../adapters/slack/payloads.js';
import { silentLogger } from '../fakes/silent-logger.js';
import { startFakeSlackApi } from '../fakes/slack-api.js';
import type { FakeSocketMode, SocketAck } from '../fakes/slack-socket.js';
import { startTestBot } from '../support/test-bot.js';
import { ADMIN, PEOPLE, TOKEN } from './slack-harness.js';

export const APP_TOKEN = 'xapp-1-A0001-1700000000-e2e0socket0token';

/**
 * The real bot on a free port with Slack over Socket Mode only (no signing secret), connected to the
 * fake's Socket Mode server once this resolves.
 */
export async function startSocketSlackBot(
  options: {
    appToken?: string;
    logger?: Logger;
    /** Set, the HTTP route is served too, with this signing secret. */
    signingSecret?: string;
  } = {},
) {
  const api = await startFakeSlackApi({ token: TOKEN, users: PEOPLE, appToken: APP_TOKEN });
  const socket = api.socket as FakeSocketMode;
  const dataDir = await mkdtemp(join(tmpdir(), 'slack-socket-e2e-'));
  const bot = await startTestBot({
    logger: options.logger ?? silentLogger,
    deliveryIntervalMs: 20,
    scheduler: false,
    env: {
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.example.com',
      ADMINS: `slack:${ADMIN}`,
      SLACK_APP_TOKEN: options.appToken ?? APP_TOKEN,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: api.apiUrl,
      ...(options.signingSecret ? { SLACK_SIGNING_SECRET: options.signingSecret } : {}),
      STATE_SECRET: 'state-secret-0123456789abcdef',
    },
  });
  if (!options.appToken) await socket.waitForConnections(1);
  let n = 0;
  /**
   * Runs a slash command over the socket and returns its answer: the ack's payload when the bot
   * answered there (a quick answer), else what it posted to the response_url.
   */
  const slash = async (user: string, text: string, channel = 'C0GENERAL', channelName?: string) => {
    const id = `sock-${n++}`;
    const payload = slashCommand({ user, channel, channelName, text, responseUrl: api.responseUrl(id) });
    const ack = await socket.send('slash_commands', payload);
    if (ack.payload && Object.keys(ack.payload).length) return ack.payload;
    return (await api.waitFor(`response:${id}`))[0]?.args ?? {};
  };
  /** Sends an Events API envelope for `event` and resolves with its ack. */
  const event = (
    e: Record<string, unknown>,
    options: { eventId?: string; retryAttempt?: number; retryReason?: string } = {},
  ): Promise<SocketAck> =>
    socket.send('events_api', eventCallback(e, { eventId: options.eventId }), {
      retryAttempt: options.retryAttempt,
      retryReason: options.retryReason,
    });
  const interact = (payload: unknown): Promise<SocketAck> => socket.send('interactive', payload);
  return {
    api,
    socket,
    bot,
    slash,
    event,
    interact,
    nextResponseUrl: () => api.responseUrl(`click-${n++}`),
    answerOn: async (responseUrl: string) =>
      (await api.waitFor(`response:${responseUrl.split('/').pop()}`))[0]?.args ?? {},
    postIn: (channel: string, text: RegExp) =>
      api.waitForMatch(
        'chat.postMessage',
        (c) => c.args.channel === channel && text.test(String(c.args.text)),
      ),
    close: async () => {
      await bot.close();
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type SocketSlackBot = Awaited<ReturnType<typeof startSocketSlackBot>>;
