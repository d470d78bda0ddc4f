import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, cardButtonInvoke, queryLinkInvoke } from '../adapters/teams/activities.js';
import { allStrings, findAll } from '../adapters/teams/cards/card-checks.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

type Json = Record<string, unknown>;
let t: TeamsBot;

beforeAll(async () => {
  t = await startTeamsBot();
});
afterAll(async () => {
  expect(t.cardProblems()).toEqual([]);
  await t.close();
});

function attachmentsOf(body: Json | null): { contentType: string; content: Json; preview?: Json }[] {
  const result = body?.composeExtension as { type?: string; attachments?: unknown[] } | undefined;
  expect(result?.type).toBe('result');
  return (result?.attachments ?? []) as { contentType: string; content: Json; preview?: Json }[];
}

describe('Teams link unfurling', () => {
  it.each([
    ['https://contoso.atlassian.net/browse/IT-1', 'Jira'],
    ['https://app.box.com/s/abc', 'Box'],
    ['https://contoso.sharepoint.com/sites/it/doc.docx', 'SharePoint'],
  ])('answers %s with a card of version 1.3 at most offering Request %s', async (url, name) => {
    const res = await t.post(queryLinkInvoke({ serviceUrl: t.serviceUrl, url }));
    expect(res.status).toBe(200);
    const [attachment, ...rest] = attachmentsOf(res.body);
    expect(rest).toEqual([]);
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(Number(attachment?.content.version)).toBeLessThanOrEqual(1.3);
    expect(allStrings(attachment?.content).join(' ')).toContain(`Request ${name}`);
    expect(attachment?.preview).toMatchObject({ contentType: 'application/vnd.microsoft.card.thumbnail' });
    expect(findAll(attachment?.content, 'Action.Execute')).toEqual([]);
  });

  it.each([
    ['a host outside the catalog', { url: 'https://example.org/jira' }],
    ['a look-alike host', { url: 'https://atlassian.net.evil.example/x' }],
    ['no url', {}],
    ['a url that is not one', { url: 'not a url' }],
  ])('answers %s with an empty result, so Teams shows its own preview', async (_label, value) => {
    const activity = { ...queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://x.example' }), value };
    const res = await t.post(activity);
    expect(res.status).toBe(200);
    expect(attachmentsOf(res.body)).toEqual([]);
  });

  it('answers the anonymous variant too', async () => {
    const res = await t.post(
      queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://zoom.us/j/123', anonymous: true }),
    );
    expect(allStrings(attachmentsOf(res.body)).join(' ')).toContain('Request Zoom');
  });

  it('files the request for whoever clicks Request on the unfurl card', async () => {
    const res = await t.post(
      queryLinkInvoke({ serviceUrl: t.serviceUrl, url: 'https://www.dropbox.com/s/abc/file.pdf', from: BOB }),
    );
    const [attachment] = attachmentsOf(res.body);
    const button = findAll(attachment?.content, 'Action.Submit').find(
      (a) => (a.data as Json).verb === 'requestIntegration',
    );
    expect(button).toBeDefined();
    const click = await t.post(cardButtonInvoke({ serviceUrl: t.serviceUrl, from: BOB, data: button?.data }));
    expect(click.status).toBe(200);
    const requests = Object.values(t.bot.core.deps.store.read().requests);
    const dropbox = requests.find((r) => r.integrationId === 'dropbox');
    expect(JSON.stringify(dropbox)).toContain(`teams:${BOB.aadObjectId}`);
  });
});
