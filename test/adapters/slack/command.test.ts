import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACK_WITHIN_MS, registerCommand } from '../../../src/adapters/slack/listeners/command.js';
import type { SlackDeps } from '../../../src/adapters/slack/replies.js';
import type { Engine, Reply } from '../../../src/application/engine.js';
import { message } from '../../../src/application/views/format.js';
import { silentLogger } from '../../fakes/silent-logger.js';

type Listener = (args: {
  ack: (body?: unknown) => Promise<void>;
  body: unknown;
  context: object;
}) => Promise<void>;

/** The slash command listener as Bolt would call it, with an engine whose answer the test releases. */
function aCommandListener() {
  let listener: Listener | undefined;
  const app = { command: (_pattern: unknown, fn: Listener) => (listener = fn) } as unknown as App;
  let resolveAnswer: (reply: Reply) => void = () => {};
  const answer = new Promise<Reply>((resolve) => {
    resolveAnswer = resolve;
  });
  const engine = { handleText: () => answer } as unknown as Engine;
  const deps: SlackDeps = {
    engine,
    client: {} as SlackDeps['client'],
    logger: silentLogger,
    userNames: async () => null,
  };
  registerCommand(app, deps);
  const acks: unknown[] = [];
  const posts: { url: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    posts.push({ url, body: JSON.parse(init.body) });
    return new Response('ok');
  });
  const run = (listener as Listener)({
    ack: async (body) => {
      acks.push(body);
    },
    body: {
      command: '/integrations',
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      response_url: 'https://hooks.example/r1',
    },
    context: {},
  });
  return { run, acks, posts, release: (reply: Reply) => resolveAnswer(reply) };
}

const two: Reply = { views: [message('info', 'first answer'), message('info', 'second answer')] };

describe('the slash command listener', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('answers a quick command in the acknowledgement, and only further views on the response_url', async () => {
    const c = aCommandListener();
    c.release(two);
    await c.run;
    expect(c.acks).toHaveLength(1);
    expect(c.acks[0]).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('first answer'),
    });
    expect(c.posts.map((p) => p.body.text)).toEqual([expect.stringContaining('second answer')]);
  });

  it('acknowledges empty once the work runs long, then answers on the response_url', async () => {
    vi.useFakeTimers();
    const c = aCommandListener();
    await vi.advanceTimersByTimeAsync(ACK_WITHIN_MS);
    expect(c.acks).toEqual([undefined]);
    expect(c.posts).toEqual([]);
    c.release(two);
    await c.run;
    expect(c.acks).toHaveLength(1);
    expect(c.posts.map((p) => p.url)).toEqual(['https://hooks.example/r1', 'https://hooks.example/r1']);
    expect(c.posts.map((p) => p.body.text)).toEqual([
      expect.stringContaining('first answer'),
      expect.stringContaining('second answer'),
    ]);
  });
});
