import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/application/ports/clock.js';
import { silentLogger } from '../../src/application/ports/logger.js';
import { type RunningBot, startBot } from '../../src/compose.js';
import {
  ADA,
  BOB,
  executeInvoke,
  installActivity,
  messageActivity,
  queryLinkInvoke,
} from '../adapters/teams/activities.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';

let bot: RunningBot;
let connector: FakeBotConnector;

async function post(body: unknown): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Waits for the outbox to deliver, polling the fake connector (no timing assertion). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

function findAction(card: unknown, verb: string): { verb: string; data: Record<string, unknown> } | null {
  if (Array.isArray(card)) return card.map((c) => findAction(c, verb)).find(Boolean) ?? null;
  if (typeof card !== 'object' || card === null) return null;
  const node = card as Record<string, unknown>;
  if (node.type === 'Action.Execute' && node.verb === verb)
    return { verb, data: node.data as Record<string, unknown> };
  return (
    Object.values(node)
      .map((c) => findAction(c, verb))
      .find(Boolean) ?? null
  );
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  const env = {
    PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'teams-e2e-')),
    ADMINS: `teams:${ADA.aadObjectId}`,
    PUBLIC_URL: 'https://bot.contoso.com',
  };
  bot = await startBot({
    env,
    clock: fixedClock('2024-05-02T10:42:00Z'),
    logger: silentLogger,
    scheduler: false,
    deliveryIntervalMs: 20,
  });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

describe('Teams bot end to end', () => {
  const serviceUrl = () => connector.serviceUrl;

  it('welcomes on install in a team', async () => {
    expect((await post(installActivity({ serviceUrl: serviceUrl() }))).status).toBe(200);
    expect(JSON.stringify(connector.cards().at(-1))).toContain('notify here');
  });

  it('answers help in personal and channel scope', async () => {
    await post(messageActivity({ serviceUrl: serviceUrl(), text: 'help' }));
    await post(messageActivity({ serviceUrl: serviceUrl(), scope: 'channel', text: 'help' }));
    expect(connector.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('sends a request to the admin channel, where an admin approves and a member is refused', async () => {
    await post(messageActivity({ serviceUrl: serviceUrl(), scope: 'channel', text: 'notify here' }));
    const before = connector.calls.length;
    await post(
      messageActivity({
        serviceUrl: serviceUrl(),
        from: BOB,
        text: 'request jira because we track bugs there',
      }),
    );
    await until(() => connector.cards().some((c) => findAction(c, 'approveRequest') !== null));
    const notice = connector.calls.slice(before).find((call) => findAction(call.body, 'approveRequest'));
    expect(notice?.conversationId).toContain('@thread.tacv2');
    const approve = findAction(notice?.body, 'approveRequest');
    expect(approve).not.toBeNull();
    const refused = await post(
      executeInvoke({ serviceUrl: serviceUrl(), from: BOB, verb: 'approveRequest', data: approve?.data }),
    );
    expect(refused.status).toBe(200);
    expect(findAction(refused.body?.value, 'confirmApprove')).toBeNull();
    const accepted = await post(
      executeInvoke({ serviceUrl: serviceUrl(), from: ADA, verb: 'approveRequest', data: approve?.data }),
    );
    expect(accepted.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });

  it('unfurls a catalog link', async () => {
    const res = await post(
      queryLinkInvoke({ serviceUrl: serviceUrl(), url: 'https://contoso.atlassian.net/browse/IT-1' }),
    );
    const attachments = (res.body?.composeExtension as { attachments?: unknown[] } | undefined)?.attachments;
    expect(attachments).toHaveLength(1);
    expect(JSON.stringify(attachments)).toContain('Jira');
  });

  it('answers 400 to a malformed activity and keeps serving', async () => {
    expect((await post({ type: 'message' })).status).toBe(400);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
